package vn.xhht.ledger.infrastructure.mongo;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Iterator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A long read of the embedded H2 file outlives H2's housekeeping: while a command reads every page of a collection,
 * sparse chunks are rewritten and other collections' writes commit new versions. H2 then drops the chunks the read's
 * older root still points into, unless the command runs at a version registered as in use
 * ({@link EmbeddedMongo#atOneVersion}).
 */
class VersionUsageTest {

    @Test
    void aReadThatOutlivesARewriteOfItsChunksAndFurtherCommitsReadsEverything(@TempDir Path dir) {
        MVStore store = fragmentedStore(dir.resolve("kept.mv"));
        try {
            int read = EmbeddedMongo.atOneVersion(store, () -> readAllWhileHousekeeping(store));
            assertThat(read).isEqualTo(ENTRIES);
        } finally {
            store.close();
        }
    }

    @Test
    void withoutAVersionKeptTheSameReadFindsAChunkGone(@TempDir Path dir) {
        MVStore store = fragmentedStore(dir.resolve("dropped.mv"));
        try {
            assertThatThrownBy(() -> readAllWhileHousekeeping(store)).isInstanceOf(MVStoreException.class)
                    .hasMessageContaining("not found");
        } finally {
            store.close();
        }
    }

    private static final int ENTRIES = 20_000;

    /** A collection's map spread over many chunks, a third of it overwritten: chunks worth rewriting. */
    private static MVStore fragmentedStore(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        store.setRetentionTime(0); // chunks are rewritable at once (after 45 s in the service)
        MVMap<Long, String> documents = store.openMap("documents");
        for (long i = 0; i < ENTRIES; i++) {
            documents.put(i, "x".repeat(200));
            if (i % 100 == 0) {
                store.commit();
            }
        }
        for (long i = 0; i < ENTRIES; i += 3) {
            documents.put(i, "y");
            if (i % 300 == 0) {
                store.commit();
            }
        }
        store.commit();
        return store;
    }

    /** Reads every document; a hundred in, the sparse chunks are rewritten and another map commits twenty times. */
    private static int readAllWhileHousekeeping(MVStore store) {
        MVMap<Long, String> documents = store.openMap("documents");
        MVMap<Long, String> other = store.openMap("other");
        Iterator<String> values = documents.values().iterator();
        int read = 0;
        while (values.hasNext()) {
            values.next();
            if (++read == 100) {
                store.compact(90, 16 * 1024 * 1024);
                for (long k = 0; k < 20; k++) {
                    other.put(k, "write " + k);
                    store.commit();
                }
            }
        }
        return read;
    }
}
