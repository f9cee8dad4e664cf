package vn.xhht.ledger.infrastructure.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded H2 server answers a read while eight writers wait for a slow file commit: each connection has a network
 * thread of its own. With netty's default of twice the cores (four threads on this machine's two), the eight waiting
 * writers held every thread, and the read waited for the commit.
 */
class NetworkThreadsTest {

    @Test
    void aReadIsAnsweredWhileEightWritersWaitForAFileCommit(@TempDir Path dir) throws Exception {
        AtomicBoolean holding = new AtomicBoolean();
        CountDownLatch commitHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Runnable slowDisk = () -> {
            if (holding.get()) {
                commitHeld.countDown();
                await(release);
            }
        };
        ExecutorService writers = Executors.newFixedThreadPool(9); // eight writers and the reader
        try (EmbeddedMongo mongo = EmbeddedMongo.h2(dir, "127.0.0.1", 0, slowDisk);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> units = client.getDatabase("xhht").getCollection("units");
            units.insertOne(new Document("_id", "unit-0").append("name", "Thôn Đông"));
            holding.set(true);

            List<Future<?>> writes = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                Document unit = new Document("_id", "unit-" + i);
                writes.add(writers.submit(() -> units.insertOne(unit)));
            }
            assertThat(commitHeld.await(10, TimeUnit.SECONDS)).as("a writer reached the file commit").isTrue();
            Thread.sleep(300); // the other seven writers arrive and wait for the next commit

            Future<Document> read = writers.submit(() -> units.find(Filters.eq("_id", "unit-0")).first());
            try {
                assertThat(read.get(3, TimeUnit.SECONDS).getString("name")).isEqualTo("Thôn Đông");
                assertThat(writes).noneMatch(Future::isDone);
            } finally {
                release.countDown();
                holding.set(false);
            }
            for (Future<?> write : writes) {
                write.get(10, TimeUnit.SECONDS);
            }
            assertThat(units.countDocuments()).isEqualTo(9);
        } finally {
            release.countDown();
            writers.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
