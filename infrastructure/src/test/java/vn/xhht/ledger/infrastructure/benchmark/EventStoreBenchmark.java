package vn.xhht.ledger.infrastructure.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.infrastructure.config.AxonConfiguration;
import vn.xhht.ledger.infrastructure.eventstore.MongoCommitStorageEngine;
import vn.xhht.ledger.infrastructure.mongo.EmbeddedMongo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The event store against the raw driver and against the peer a user would otherwise pick — Axon's MongoDB extension
 * ({@code MongoEventStorageEngine}, document per event) — on the same embedded server, in the same run: append rates
 * (one event per commit, 1 and 8 writers) against insertOne and insertMany, a tracking processor's catch-up over
 * 100,000 stored events against a raw cursor scan, and the events a slow writer stores late (its messages made
 * before a faster writer's) that a live tracking processor never sees. Run with {@code ./benchmark}; it prints every
 * figure and ratio. Not part of the test suite: figures are measurements, not assertions.
 */
class EventStoreBenchmark {

    private static final int APPEND_EVENTS = Integer.getInteger("bench.appends", 20_000);
    private static final int CATCH_UP_EVENTS = Integer.getInteger("bench.catchup", 100_000);
    private static final int WRITERS = 8;
    /** Segments (threads) of the tracking processor, as the service configures its projections. */
    private static final int SEGMENTS = Integer.getInteger("bench.segments", 1);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    /** The peer's catch-up is measured over fewer events: on the embedded server it slows as the log grows. */
    private static final int PEER_CATCH_UP_EVENTS = Integer.getInteger("bench.peerCatchup", 2_000);

    /** A payload of the size and shape of a real event (a unit's baseline for a year). */
    public record BaselineRecordedEvent(String unitId, int year, long households, long clans, long villages,
                                        long organisations, long citizens, long workingAgePeople, LocalDate recordedOn,
                                        String source) {
    }

    @Test
    void printFigures() throws Exception {
        System.out.printf(Locale.ROOT, "%nXHHT Ledger event store benchmark (%d appends, %d catch-up events, %d cores)%n",
                          APPEND_EVENTS, CATCH_UP_EVENTS, Runtime.getRuntime().availableProcessors());
        // -Dbench.backends=memory (or h2) runs one backend, e.g. under a profiler
        String backends = System.getProperty("bench.backends", "memory,h2");
        if (backends.contains("memory")) {
            run("memory", EmbeddedMongo::memory);
        }
        if (backends.contains("h2")) {
            Path dir = Files.createTempDirectory("xhht-bench");
            try {
                run("h2", () -> EmbeddedMongo.h2(dir));
            } finally { // some 4 GB: left behind, a few runs fill a disk
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                }
            }
        }
    }

    private void run(String backend, Supplier<EmbeddedMongo> serverFactory) throws Exception {
        try (EmbeddedMongo server = serverFactory.get(); MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase db = client.getDatabase("bench");
            // warm-up on a throw-away database
            appendWithEngine(engine(client.getDatabase("warmup")), 2_000, 1, "w");
            rawInsertOne(client.getDatabase("warmup").getCollection("raw"), 2_000, 1);

            Map<String, EmbeddedMongo.Commits> fileCommits = new LinkedHashMap<>();
            double raw1 = committing(server, fileCommits, "raw insertOne, 1 writer",
                                     () -> rawInsertOne(db.getCollection("raw1"), APPEND_EVENTS, 1));
            double raw8 = committing(server, fileCommits, "raw insertOne, 8 writers",
                                     () -> rawInsertOne(db.getCollection("raw8"), APPEND_EVENTS, WRITERS));
            double rawMany = rawInsertMany(db.getCollection("rawmany"), APPEND_EVENTS);
            MongoCommitStorageEngine engine = engine(db);
            double ours1 = committing(server, fileCommits, "engine append, 1 writer",
                                      () -> appendWithEngine(engine, APPEND_EVENTS, 1, "a"));
            double ours8 = committing(server, fileCommits, "engine append, 8 writers",
                                      () -> appendWithEngine(engine, APPEND_EVENTS, WRITERS, "b"));
            MongoEventStorageEngine peer = peer(client.getDatabase("peer"));
            double peer1 = committing(server, fileCommits, "peer append, 1 writer",
                                      () -> appendWithEngine(peer, APPEND_EVENTS, 1, "a"));
            double peer8 = committing(server, fileCommits, "peer append, 8 writers",
                                      () -> appendWithEngine(peer, APPEND_EVENTS, WRITERS, "b"));

            System.out.printf(Locale.ROOT, "%n[%s backend] append, one event per commit%n", backend);
            line("raw insertOne, 1 writer", raw1, "events/s");
            line("raw insertOne, 8 writers", raw8, "events/s");
            line("raw insertMany (1,000 per call)", rawMany, "events/s");
            line("engine append, 1 writer", ours1, "events/s", ours1 / raw1, "of raw insertOne, 1 writer");
            line("engine append, 8 writers", ours8, "events/s", ours8 / raw8, "of raw insertOne, 8 writers");
            line("peer append, 1 writer", peer1, "events/s", peer1 / raw1, "of raw insertOne, 1 writer");
            line("peer append, 8 writers", peer8, "events/s", peer8 / raw8, "of raw insertOne, 8 writers");
            line("engine / peer, 1 writer", ours1 / peer1 * 100, "%");
            line("engine / peer, 8 writers", ours8 / peer8 * 100, "%");
            if (!fileCommits.isEmpty()) {
                System.out.printf(Locale.ROOT, "[%s backend] file commits (a write is answered once one covers it)%n",
                                  backend);
                fileCommits.forEach((what, made) -> System.out.printf(
                        Locale.ROOT, "  %-44s %,9d commits for %,d writes (%.1f a commit), %.2f ms a commit%n", what,
                        made.commits(), made.writes(), (double) made.writes() / made.commits(),
                        made.nanos() / 1e6 / made.commits()));
            }

            MongoDatabase catchUpDb = client.getDatabase("catchup");
            MongoCommitStorageEngine catchUpEngine = engine(catchUpDb);
            appendWithEngine(catchUpEngine, CATCH_UP_EVENTS, WRITERS, "c");
            // one round of each, not counted: the read path compiled, the server's documents touched once
            rawScan(catchUpDb.getCollection("events"));
            catchUp(engine(catchUpDb), CATCH_UP_EVENTS);
            double[] scans = new double[ROUNDS];
            double[] tracked = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                settle();
                scans[round] = rawScan(catchUpDb.getCollection("events"));
                settle();
                tracked[round] = catchUp(engine(catchUpDb), CATCH_UP_EVENTS);
            }
            MongoDatabase peerCatchUpDb = client.getDatabase("peercatchup");
            MongoEventStorageEngine peerCatchUp = peer(peerCatchUpDb);
            appendWithEngine(peerCatchUp, PEER_CATCH_UP_EVENTS, WRITERS, "c");
            double[] peerScans = new double[ROUNDS];
            double[] peerTracked = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                peerScans[round] = rawScanOfDocuments(peerCatchUpDb.getCollection("domainevents"));
                peerTracked[round] = catchUp(peerCatchUp, PEER_CATCH_UP_EVENTS, true);
            }
            double scan = median(scans);
            double catchUp = median(tracked);
            System.out.printf(Locale.ROOT, "[%s backend] catch-up over %,d stored events (median of %d rounds)%n",
                              backend, CATCH_UP_EVENTS, ROUNDS);
            line("raw cursor scan of the events collection", scan, "events/s");
            line("tracking processor catch-up", catchUp, "events/s", catchUp / scan, "of the raw scan");
            System.out.printf(Locale.ROOT, "  rounds: scan %s, processor %s%n", rounds(scans), rounds(tracked));
            double[] ratios = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                ratios[round] = 100 * tracked[round] / scans[round];
            }
            System.out.printf(Locale.ROOT, "  processor / scan in each round: %s %% (lowest %.0f %%, after one warm-up round)%n",
                              rounds(ratios), java.util.Arrays.stream(ratios).min().orElse(0));
            double peerScan = median(peerScans);
            double peerCatch = median(peerTracked);
            // the peer's tracking query filters and sorts on timestamps: its index on them is not unique, and the
            // embedded server ignores such indexes, so each batch scans the collection — its cost grows with the log
            System.out.printf(Locale.ROOT, "[%s backend] peer catch-up over %,d stored events (its timestamp index is "
                                           + "ignored by the embedded server: every batch scans the collection)%n",
                              backend, PEER_CATCH_UP_EVENTS);
            line("raw cursor scan of the peer's events", peerScan, "events/s");
            line("peer tracking processor catch-up", peerCatch, "events/s", peerCatch / peerScan, "of its raw scan");
            line("engine catch-up / peer catch-up", catchUp / peerCatch * 100, "%");
            System.out.printf(Locale.ROOT, "  rounds: peer scan %s, peer processor %s%n", rounds(peerScans), rounds(peerTracked));

            System.out.printf(Locale.ROOT, "[%s backend] a slow writer's %d events, made before a faster writer's and "
                                           + "stored %d ms later, seen by a live tracking processor%n",
                              backend, LATE_EVENTS, LATE_BY_MS);
            line("engine: seen of those stored late", lateEventsSeen(engine(client.getDatabase("late"))), "events");
            line("peer (look-back 1 s): seen of those stored late", lateEventsSeen(peer(client.getDatabase("peerlate"))),
                 "events");
            Runtime.getRuntime().gc();
            System.out.printf(Locale.ROOT, "  heap in use after GC: %,d MiB%n",
                              (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        }
    }

    /** Runs an append measurement, noting the file commits it made when the server keeps a file. */
    private static double committing(EmbeddedMongo server, Map<String, EmbeddedMongo.Commits> fileCommits, String what,
                                     Callable<Double> measurement) throws Exception {
        Optional<EmbeddedMongo.Commits> before = server.commits();
        double figure = measurement.call();
        before.ifPresent(earlier -> fileCommits.put(what, server.commits().orElseThrow().since(earlier)));
        return figure;
    }

    private static MongoCommitStorageEngine engine(MongoDatabase db) {
        return MongoCommitStorageEngine.builder().database(db)
                                       .eventSerializer(AxonConfiguration.jacksonSerializer())
                                       .snapshotSerializer(AxonConfiguration.jacksonSerializer())
                                       .build();
    }

    /** Axon's MongoDB extension as it is configured by default: a document per event, a look-back of one second. */
    private static MongoEventStorageEngine peer(MongoDatabase db) {
        MongoEventStorageEngine peer = MongoEventStorageEngine.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(db).build())
                .storageStrategy(new DocumentPerEventStorageStrategy(EventEntryConfiguration.getDefault(), Duration.ofSeconds(1)))
                .eventSerializer(AxonConfiguration.jacksonSerializer())
                .snapshotSerializer(AxonConfiguration.jacksonSerializer())
                .build();
        peer.ensureIndexes();
        return peer;
    }

    private static final int LATE_EVENTS = 100;
    private static final int LATE_BY_MS = 2_500;

    /**
     * A live tracking processor follows a faster writer storing an event every 2 ms for 4 s, while a slow writer
     * makes its events (their timestamps) at the start and stores them {@link #LATE_BY_MS} later — as a command whose
     * commit waits on a slow disk or a paused JVM does. Answers how many of the slow writer's events the processor saw.
     */
    private static double lateEventsSeen(EventStorageEngine engine) throws Exception {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        EventMessageHandler handler = event -> {
            if (event instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain
                    && domain.getAggregateIdentifier().startsWith("slow-")) {
                seen.add(domain.getIdentifier());
            }
            return null;
        };
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name("late").eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
                .messageSource(store).tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing())
                .build();
        processor.start();
        List<GenericDomainEventMessage<BaselineRecordedEvent>> slow = new ArrayList<>();
        for (int i = 0; i < LATE_EVENTS; i++) {
            slow.add(new GenericDomainEventMessage<>("Baseline", "slow-" + i, 0, payload(i)));
        }
        ExecutorService writers = Executors.newFixedThreadPool(2);
        Future<?> fast = writers.submit(() -> {
            long end = System.nanoTime() + 4_000_000_000L;
            for (int i = 0; System.nanoTime() < end; i++) {
                engine.appendEvents(new GenericDomainEventMessage<>("Baseline", "fast-" + i, 0, payload(i)));
                Thread.sleep(2);
            }
            return null;
        });
        Future<?> late = writers.submit(() -> {
            Thread.sleep(LATE_BY_MS);
            slow.forEach(message -> engine.appendEvents(message));
            return null;
        });
        fast.get();
        late.get();
        writers.shutdown();
        Thread.sleep(3_000);
        processor.shutDown();
        store.shutDown();
        return seen.size();
    }

    private static double rawScanOfDocuments(MongoCollection<Document> collection) {
        long start = System.nanoTime();
        long events = 0;
        for (Document ignored : collection.find().batchSize(1000)) {
            events++;
        }
        return events / seconds(start);
    }

    private static BaselineRecordedEvent payload(long i) {
        return new BaselineRecordedEvent("xa-" + (i % 3321), 2023, 27_000 + i % 100, 300, 42, 17, 91_000, 60_000,
                                         LocalDate.of(2023, 12, 31), "Báo cáo thống kê năm 2023 của UBND xã");
    }

    private static double appendWithEngine(EventStorageEngine engine, int events, int writers, String prefix)
            throws Exception {
        return timed(events, writers, (writer, count) -> {
            for (int i = 0; i < count; i++) {
                // each writer owns its aggregates; 10 events per aggregate
                String aggregate = prefix + "-" + writer + "-" + (i / 10);
                engine.appendEvents(new GenericDomainEventMessage<>("Baseline", aggregate, i % 10, payload(i)));
            }
        });
    }

    private static double rawInsertOne(MongoCollection<Document> collection, int documents, int writers)
            throws Exception {
        AtomicLong ids = new AtomicLong();
        return timed(documents, writers, (writer, count) -> {
            for (int i = 0; i < count; i++) {
                collection.insertOne(rawDocument(ids.incrementAndGet()));
            }
        });
    }

    private static double rawInsertMany(MongoCollection<Document> collection, int documents) throws Exception {
        return timed(documents, 1, (writer, count) -> {
            List<Document> batch = new ArrayList<>(1000);
            for (int i = 1; i <= count; i++) {
                batch.add(rawDocument(i));
                if (batch.size() == 1000 || i == count) {
                    collection.insertMany(batch);
                    batch = new ArrayList<>(1000);
                }
            }
        });
    }

    /** The same information the engine stores for one event (identity, time, aggregate, payload), written directly. */
    private static Document rawDocument(long id) {
        BaselineRecordedEvent event = payload(id);
        Document payload = new Document("unitId", event.unitId()).append("year", event.year())
                                                                 .append("households", event.households())
                                                                 .append("clans", event.clans())
                                                                 .append("villages", event.villages())
                                                                 .append("organisations", event.organisations())
                                                                 .append("citizens", event.citizens())
                                                                 .append("workingAgePeople", event.workingAgePeople())
                                                                 .append("recordedOn", event.recordedOn().toString())
                                                                 .append("source", event.source());
        return new Document("_id", id).append("id", java.util.UUID.randomUUID().toString())
                                      .append("agg", event.unitId()).append("seq", id).append("type", "Baseline")
                                      .append("ts", new java.util.Date())
                                      .append("ptype", BaselineRecordedEvent.class.getName())
                                      .append("p", payload);
    }

    private static double rawScan(MongoCollection<Document> collection) {
        long start = System.nanoTime();
        long events = 0;
        for (Document commit : collection.find().batchSize(1000)) {
            events += commit.getList("events", Document.class).size();
        }
        return events / seconds(start);
    }

    private static double catchUp(EventStorageEngine engine, int expected) throws InterruptedException {
        return catchUp(engine, expected, false);
    }

    /**
     * Events per second a tracking processor reads a stored log at. Ours must deliver every event; the peer has been
     * seen to miss a few of 500 written by eight writers (timestamps out of order beyond its look-back): its round
     * ends after 30 s without progress, and what it missed is printed.
     */
    private static double catchUp(EventStorageEngine engine, int expected, boolean peer) throws InterruptedException {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine)
                                                      .optimizeEventConsumption(Boolean.parseBoolean(System.getProperty("bench.sharedProducer", "true")))
                                                      .build();
        AtomicLong seen = new AtomicLong();
        EventMessageHandler handler = event -> {
            event.getPayload();
            seen.incrementAndGet();
            return null;
        };
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name("bench")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
                .messageSource(store)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forParallelProcessing(SEGMENTS)
                                                                                        .andInitialSegmentsCount(SEGMENTS)
                                                                                        .andBatchSize(Integer.getInteger("bench.processorBatch", 100)))
                .build();
        long start = System.nanoTime();
        processor.start();
        long progressed = start;
        long lastSeen = 0;
        while (seen.get() < expected && seconds(start) < 600 && !(peer && seconds(progressed) > 30)) {
            Thread.sleep(5);
            if (seen.get() != lastSeen) {
                lastSeen = seen.get();
                progressed = System.nanoTime();
            }
        }
        boolean stalled = peer && seen.get() < expected;
        double rate = seen.get() / (stalled ? seconds(start) - seconds(progressed) : seconds(start));
        processor.shutDown();
        store.shutDown();
        if (stalled) {
            System.out.printf(Locale.ROOT, "  peer catch-up missed %,d of %,d stored events%n", expected - seen.get(),
                              expected);
        } else if (seen.get() != expected) {
            throw new AssertionError("caught up " + seen.get() + " of " + expected);
        }
        return rate;
    }

    /** Each measured run starts from a collected heap: the previous one's garbage is not charged to it. */
    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String rounds(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double value : values) {
            text.append(text.isEmpty() ? "" : " / ").append(String.format(Locale.ROOT, "%,.0f", value));
        }
        return text.toString();
    }

    private interface Work {
        void run(int writer, int count) throws Exception;
    }

    private static double timed(int total, int writers, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            futures.add(pool.submit(() -> {
                work.run(writer, total / writers);
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double rate = total / seconds(start);
        pool.shutdown();
        return rate;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void line(String what, double value, String unit) {
        System.out.printf(Locale.ROOT, "  %-44s %,10.0f %s%n", what, value, unit);
    }

    private static void line(String what, double value, String unit, double ratio, String against) {
        System.out.printf(Locale.ROOT, "  %-44s %,10.0f %s  (%.0f%% %s)%n", what, value, unit, ratio * 100, against);
    }
}
