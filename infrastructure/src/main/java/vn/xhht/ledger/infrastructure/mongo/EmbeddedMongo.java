package vn.xhht.ledger.infrastructure.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The in-process MongoDB used when no {@code MONGODB_URI} is configured: mongo-java-server, listening on a
 * loopback TCP port so that the application (and the tests) use the real drivers over a real connection.
 * With a data directory it keeps everything in an H2 MVStore file there; without one, in memory.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final MongoBackend backend;
    private final InetSocketAddress address;

    /**
     * Network threads of a server keeping a file. Each connection is served by one thread, which answers a write only
     * once a file commit covers it and serves none of its other connections meanwhile; netty's default, twice the cores
     * (four here), let eight writers share a commit two at a time and held a read behind a writer on the same thread.
     */
    static final int FILE_NETWORK_THREADS = Math.max(16, 2 * Runtime.getRuntime().availableProcessors());

    private EmbeddedMongo(MongoBackend backend, String host, int port, int networkThreads) {
        this.backend = backend;
        this.server = new MongoServer(backend);
        server.bind(new InetSocketAddress(host, port), 0, networkThreads); // 0: netty's default
        this.address = server.getLocalAddress();
    }

    /** A server keeping its data in {@code dataDir/xhht.mv} (created if needed), on a free loopback port. */
    public static EmbeddedMongo h2(Path dataDir) {
        return h2(dataDir, "127.0.0.1", 0);
    }

    public static EmbeddedMongo h2(Path dataDir, String host, int port) {
        return h2(dataDir, host, port, () -> { });
    }

    /** With {@code beforeCommit} run before each file commit (tests hold a commit with it). */
    static EmbeddedMongo h2(Path dataDir, String host, int port, Runnable beforeCommit) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir, e);
        }
        return new EmbeddedMongo(new DurableH2Backend(openStore(dataDir.resolve("xhht.mv")), beforeCommit), host, port,
                                 FILE_NETWORK_THREADS);
    }

    /** Bytes of partly empty chunks H2's housekeeping rewrites in one round while the store is idle (a quarter busy). */
    static final int COMPACTION_STEP_KB = 512;

    /**
     * The H2 file, compacted in small rounds. H2 rewrites partly empty chunks in the background, under the store's
     * lock, as much at a time as its write buffer holds: 19 MB by default (a quarter of it while writes come in).
     * A commit waits for such a round; every write waits for its commit (below) on one of the embedded server's
     * network threads, and the reads sharing those threads wait behind it ({@link #FILE_NETWORK_THREADS}). Thread dumps taken during the
     * writing benchmark's slow history reads (0.4–0.6 s, once the file held ~45,000 events) showed the
     * housekeeping thread in {@code FileStore.rewriteChunks} and the server's threads in {@code MVStore.commit}.
     * With a {@value #COMPACTION_STEP_KB} KB buffer a round rewrites that much at most; the file is compacted as
     * before, in more, shorter rounds. (The buffer also makes H2 commit by itself once that much is unsaved; the
     * service commits after every write anyway.)
     */
    static MVStore openStore(Path file) {
        return new MVStore.Builder().fileName(file.toString()).autoCommitBufferSize(COMPACTION_STEP_KB).open();
    }

    /**
     * The H2 backend, committing its MVStore before it answers a write. Left alone, H2 commits about once a second,
     * so a {@code kill -9} lost writes the service had already acknowledged (found by {@code CrashIT}: 4 of 30
     * registered units gone). Committing hands the data to the operating system, which keeps it through a process
     * crash; surviving a power cut needs a real MongoDB with journaling.
     * <p>
     * <b>Group commit.</b> An MVStore commit writes every change made before it began, and costs about the same for
     * one write as for eight (it rewrites the changed pages of each map up to its root, and a chunk header). So a
     * write whose commit is due waits for a commit that began after the write was made, if one is running, or makes
     * one itself: writers that arrive together (the connections of several writing threads or nodes) share one file
     * commit, and none is answered before a commit covering it has finished.
     * <p>
     * <b>Index keys.</b> Its databases open their unique indexes ordered by {@link IndexKeyType}, not by serialised
     * bytes ({@link OrderedIndexes}).
     * <p>
     * <b>Documents.</b> Its collections store their documents as BSON ({@link BsonDocumentType}), not by Java
     * serialisation.
     */
    static final class DurableH2Backend extends H2Backend {

        private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "createindexes",
                                                         "dropindexes", "drop", "dropdatabase", "create",
                                                         "renamecollection");

        private final GroupCommit commits;

        DurableH2Backend(MVStore store, Runnable beforeCommit) {
            super(store);
            this.commits = new GroupCommit(() -> {
                beforeCommit.run();
                commit();
            });
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            // called by H2Backend's constructor too, once its store is set and before this class's fields are
            return new OrderedIndexDatabase(databaseName);
        }

        /**
         * An H2 database whose unique indexes are opened in {@link IndexKeyType}'s order before H2Database wraps them.
         * An inner class: H2Database's constructor opens the indexes, and the store is reached through the backend,
         * which Java sets before that constructor runs.
         */
        final class OrderedIndexDatabase extends H2Database {

            OrderedIndexDatabase(String databaseName) {
                super(databaseName, getMvStore(), getCursorRegistry());
            }

            @Override
            protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName,
                                                            List<IndexKey> keys, boolean sparse) {
                // H2Database opens the map by the same name and gets the one already open, with its key type
                OrderedIndexes.open(getMvStore(), indexMapName(collectionName, indexName));
                return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
            }

            @Override
            protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
                // H2Database opens the map by the same name and gets the one already open, with its value type
                getMvStore().openMap(dataMapName(collectionName),
                                     new MVMap.Builder<Object, Object>().valueType(new BsonDocumentType()));
                return super.openOrCreateCollection(collectionName, options);
            }

            /** The name H2Database gives a collection's documents' map (BsonDocumentTypeTest reads it as stored). */
            String dataMapName(String collectionName) {
                return "databases." + getFullCollectionNamespace(collectionName);
            }

            /** The name H2Database gives an index's map (OrderedIndexesTest checks that it is the one in use). */
            String indexMapName(String collectionName, String indexName) {
                return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            }
        }

        @Override
        public Document handleMessage(MongoMessage message) {
            Document answer = atOneVersion(getMvStore(), () -> super.handleMessage(message));
            if (!message.getDocument().isEmpty()
                    && WRITES.contains(message.getDocument().keySet().iterator().next().toLowerCase(Locale.ROOT))) {
                commits.afterWrite();
            }
            return answer;
        }
    }

    /**
     * Runs a command of the embedded server with the store's current version kept for as long as it runs. A command
     * reads a map through the root it found when it began: a query no index serves reads every page of its
     * collection, for seconds on a large one. Meanwhile H2's housekeeping moves live pages out of sparse chunks, other
     * collections' writes commit new versions, and H2 drops a chunk no longer used by the last five versions — though
     * the command's older root still points into it: {@code MVStoreException: Chunk … not found}, answered as an
     * error (the event-store benchmark's full scan on the H2 backend met it). A version registered as in use keeps
     * every chunk it needs ({@code VersionUsageTest}).
     */
    static <T> T atOneVersion(MVStore store, java.util.function.Supplier<T> command) {
        MVStore.TxCounter version = store.registerVersionUsage();
        try {
            return command.get();
        } finally {
            store.deregisterVersionUsage(version);
        }
    }

    /**
     * Commits shared by the writes that arrive while one is under way: a write is numbered when it is done, a commit
     * covers every write numbered before it began, and a write returns once such a commit has finished.
     */
    static final class GroupCommit {

        private final Runnable commit;
        private long written;
        private long committed;
        private boolean committing;
        private long commitsMade;
        private long commitNanos;

        GroupCommit(Runnable commit) {
            this.commit = commit;
        }

        /** Returns once a commit that began after this write has finished (made here or by another writer). */
        void afterWrite() {
            long mine;
            long upTo;
            synchronized (this) {
                mine = ++written;
                while (committing && committed < mine) {
                    waitForCommit();
                }
                if (committed >= mine) {
                    return; // a commit that began after this write has covered it
                }
                committing = true;
                upTo = written; // every write numbered so far is in the store's current version
            }
            boolean done = false;
            long started = System.nanoTime();
            try {
                commit.run();
                done = true;
            } finally {
                synchronized (this) {
                    committing = false;
                    if (done) {
                        committed = Math.max(committed, upTo);
                        commitsMade++;
                        commitNanos += System.nanoTime() - started;
                    }
                    notifyAll();
                }
            }
        }

        /** The writes and the file commits made so far, and the time those commits took. */
        synchronized Commits made() {
            return new Commits(written, commitsMade, commitNanos);
        }

        private void waitForCommit() {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the store to commit", e);
            }
        }
    }

    /** Writes answered and file commits made by a durable server; what it costs to keep acknowledged writes. */
    public record Commits(long writes, long commits, long nanos) {

        /** What was made since {@code earlier}. */
        public Commits since(Commits earlier) {
            return new Commits(writes - earlier.writes, commits - earlier.commits, nanos - earlier.nanos);
        }
    }

    /** The file commits made so far, if this server keeps a file. */
    public Optional<Commits> commits() {
        return backend instanceof DurableH2Backend durable ? Optional.of(durable.commits.made())
                                                            : Optional.empty();
    }

    /** A server keeping everything in memory, on a free loopback port. */
    public static EmbeddedMongo memory() {
        return new EmbeddedMongo(new MemoryBackend(), "127.0.0.1", 0, 0);
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    public int port() {
        return address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
