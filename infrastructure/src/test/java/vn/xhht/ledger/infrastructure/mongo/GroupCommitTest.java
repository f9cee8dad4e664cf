package vn.xhht.ledger.infrastructure.mongo;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight writers share the embedded H2 store's commits: no write is answered before a commit that began after it has
 * finished, and writers arriving together make fewer commits than writes.
 */
class GroupCommitTest {

    @Test
    void noWriteReturnsBeforeACommitCoveringItAndWritersArrivingTogetherShareCommits() throws Exception {
        AtomicLong applied = new AtomicLong();   // writes made in the store's current version
        AtomicLong durable = new AtomicLong();   // writes covered by a finished commit
        AtomicInteger commits = new AtomicInteger();
        EmbeddedMongo.GroupCommit group = new EmbeddedMongo.GroupCommit(() -> {
            long covered = applied.get();        // an MVStore commit writes what was changed before it began
            sleep(2);                            // the file commit
            commits.incrementAndGet();
            durable.accumulateAndGet(covered, Math::max);
        });
        int writers = 8;
        int writesEach = 100;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < writesEach; i++) {
                    long write = applied.incrementAndGet();
                    group.afterWrite();
                    assertThat(durable.get()).as("write %d answered before a commit covered it", write)
                                             .isGreaterThanOrEqualTo(write);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        assertThat(durable.get()).isEqualTo(writers * writesEach);
        assertThat(commits.get()).isLessThan(writers * writesEach / 2);
        EmbeddedMongo.Commits made = group.made(); // what the benchmark prints of the H2 backend
        assertThat(made.writes()).isEqualTo(writers * writesEach);
        assertThat(made.commits()).isEqualTo(commits.get());
        assertThat(made.nanos()).isGreaterThanOrEqualTo(made.commits() * 2_000_000L);
    }

    @Test
    void aFailedCommitIsMadeAgainByTheNextWriterWaiting() {
        AtomicInteger attempts = new AtomicInteger();
        EmbeddedMongo.GroupCommit group = new EmbeddedMongo.GroupCommit(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("disk full");
            }
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(group::afterWrite).hasMessage("disk full");
        group.afterWrite();
        assertThat(attempts.get()).isEqualTo(2);
        assertThat(group.made().commits()).as("the failed commit is not counted").isEqualTo(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
