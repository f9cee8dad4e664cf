package vn.xhht.ledger.infrastructure.mongo;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded H2 file is compacted in the background in small rounds, so that a commit (and so a write of the
 * embedded server, and the reads queued behind it) never waits for a long rewrite of the file. H2 rewrites at most
 * its write buffer's worth of partly empty chunks per round of housekeeping; the effect on the history pages is
 * measured by the writing benchmark.
 */
class CompactionTest {

    @Test
    void aRoundOfCompactionRewritesAtMostHalfAMegabyte(@TempDir Path dir) {
        MVStore store = EmbeddedMongo.openStore(dir.resolve("a.mv"));
        MVStore byDefault = MVStore.open(dir.resolve("default.mv").toString());
        try {
            assertThat(store.getAutoCommitMemory()).isLessThanOrEqualTo(512 * 1024)
                    .isLessThan(byDefault.getAutoCommitMemory() / 10); // H2's default: up to 19 MB
        } finally {
            store.close();
            byDefault.close();
        }
    }

    @Test
    void aFragmentedFileIsStillCompactedInTheBackground(@TempDir Path dir) throws Exception {
        MVStore store = EmbeddedMongo.openStore(dir.resolve("b.mv"));
        try {
            store.setRetentionTime(0); // chunks are rewritable at once (45 s after they were written in the service)
            MVMap<Integer, String> map = store.openMap("documents");
            for (int i = 0; i < 8_000; i++) {
                map.put(i, "x".repeat(2_000));
            }
            store.commit();
            for (int i = 0; i < 8_000; i++) {
                if (i % 5 != 0) {
                    map.put(i, "y"); // four values in five shrink: most of the file is garbage
                }
            }
            store.commit();
            // inside the full suite the housekeeping of an idle store twice made no progress for 20 s (alone: ~1 s);
            // H2 seems to skip idle rounds after one that rewrote nothing, until the store is written again. A small
            // write every two seconds, as the service's next command would make, keeps the test about compaction
            long start = System.nanoTime();
            long deadline = start + 30_000_000_000L;
            for (int tick = 1; store.getFileStore().getFillRate() < 80 && System.nanoTime() < deadline; ) {
                Thread.sleep(20);
                if (System.nanoTime() - start > tick * 2_000_000_000L) {
                    map.put(-tick, "tick");
                    store.commit();
                    tick++;
                }
            }
            assertThat(store.getFileStore().getFillRate()).isGreaterThanOrEqualTo(80);
        } finally {
            store.close();
        }
    }
}
