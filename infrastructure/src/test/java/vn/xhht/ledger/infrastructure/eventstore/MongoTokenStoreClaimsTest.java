package vn.xhht.ledger.infrastructure.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.xhht.ledger.infrastructure.config.AxonConfiguration;
import vn.xhht.ledger.infrastructure.mongo.EmbeddedMongo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four nodes, each on its own connection, race to claim one segment for two seconds on the embedded server (both
 * backends): a segment is never held by two nodes at once. This is what lets several nodes share one database.
 */
class MongoTokenStoreClaimsTest {

    private final List<MongoClient> clients = new ArrayList<>();
    private EmbeddedMongo server;

    @AfterEach
    void stop() {
        clients.forEach(MongoClient::close);
        server.close();
    }

    @Test
    void aSegmentIsNeverClaimedByTwoNodesAtOnceOnTheMemoryBackend() throws Exception {
        server = EmbeddedMongo.memory();
        race();
    }

    @Test
    void aSegmentIsNeverClaimedByTwoNodesAtOnceOnTheH2Backend(@TempDir Path data) throws Exception {
        server = EmbeddedMongo.h2(data);
        race();
    }

    private void race() throws InterruptedException {
        node().initializeTokenSegments("p", 1);
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger claims = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            MongoTokenStore store = node();
            Thread thread = new Thread(() -> {
                long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (System.nanoTime() < end) {
                    try {
                        store.fetchToken("p", 0);
                    } catch (UnableToClaimTokenException e) {
                        continue;
                    }
                    claims.incrementAndGet();
                    if (holders.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    Thread.onSpinWait();
                    holders.decrementAndGet();
                    store.releaseClaim("p", 0);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(claims.get()).as("claims won").isGreaterThan(100);
        assertThat(overlaps.get()).as("moments two nodes held the segment").isZero();
    }

    private MongoTokenStore node() {
        MongoClient client = MongoClients.create(server.connectionString());
        clients.add(client);
        return new MongoTokenStore(client.getDatabase("claims"), AxonConfiguration.jacksonSerializer(), Duration.ofMinutes(1));
    }
}
