package vn.xhht.ledger.infrastructure.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.infrastructure.mongo.EmbeddedMongo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes append concurrently, each pausing at random between reserving positions and inserting its commit
 * (so commits become visible out of position order), while a tracking processor on a third node consumes.
 * Every event must be seen exactly once, each aggregate in sequence order, with nothing left behind.
 */
class TwoWritersTrackingTest {

    private static final int THREADS_PER_NODE = 4;
    private static final int COMMITS_PER_THREAD = 120;

    private final List<EmbeddedEventStore> stores = new ArrayList<>();
    /** Each delivered event's position as the history view learns it (StoredEventForm), and its token's position. */
    private final Map<String, Long> positionsAsDelivered = new ConcurrentHashMap<>();
    private final Map<String, Long> tokenPositions = new ConcurrentHashMap<>();
    private EmbeddedMongo server;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void start() {
        server = EmbeddedMongo.memory();
        client = MongoClients.create(server.connectionString());
        database = client.getDatabase("two-writers");
    }

    @AfterEach
    void stop() {
        stores.forEach(EmbeddedEventStore::shutDown);
        client.close();
        server.close();
    }

    /** A node whose writers stall for a random moment inside every commit. */
    private MongoCommitStorageEngine node(int maxPauseMillis, Duration maxCommitDelay) {
        MongoCommitStorageEngine.Builder builder = new MongoCommitStorageEngine.Builder() {
            @Override
            public MongoCommitStorageEngine build() {
                validate();
                return new MongoCommitStorageEngine(this) {
                    @Override
                    protected void beforeInsert(long firstPosition, Document commit) {
                        sleep(ThreadLocalRandom.current().nextInt(maxPauseMillis + 1));
                    }
                };
            }
        };
        return builder.database(database)
                      .eventSerializer(JacksonSerializer.defaultSerializer())
                      .snapshotSerializer(JacksonSerializer.defaultSerializer())
                      .blockSize(8)
                      .maxCommitDelay(maxCommitDelay)
                      .build();
    }

    @Test
    void everyEventIsTrackedExactlyOnceAndInAggregateOrderWhileTwoNodesCommitOutOfOrder() throws Exception {
        MongoCommitStorageEngine nodeA = node(15, Duration.ofSeconds(10));
        MongoCommitStorageEngine nodeB = node(15, Duration.ofSeconds(10));
        MongoCommitStorageEngine reader = node(0, Duration.ofSeconds(10));

        Map<String, Integer> deliveries = new ConcurrentHashMap<>();
        Map<String, List<Long>> sequencesByAggregate = new ConcurrentHashMap<>();
        StoredEventForm form = new StoredEventForm(JacksonSerializer.defaultSerializer(), database);
        TrackingEventProcessor processor = trackingProcessor(reader, event -> {
            deliveries.merge(event.getIdentifier(), 1, Integer::sum);
            positionsAsDelivered.put(event.getIdentifier(), form.position(event));
            tokenPositions.put(event.getIdentifier(),
                               ((TrackedEventMessage<?>) event).trackingToken().position().orElse(-1));
            DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) event;
            sequencesByAggregate.computeIfAbsent(domainEvent.getAggregateIdentifier(),
                                                 k -> new CopyOnWriteArrayList<>())
                                .add(domainEvent.getSequenceNumber());
        });
        processor.start();
        try {
            writeAndCheck(nodeA, nodeB, processor, deliveries, sequencesByAggregate);
        } finally {
            processor.shutDown();
        }
    }

    private void writeAndCheck(MongoCommitStorageEngine nodeA, MongoCommitStorageEngine nodeB,
                               TrackingEventProcessor processor, Map<String, Integer> deliveries,
                               Map<String, List<Long>> sequencesByAggregate) throws Exception {
        List<String> written = new CopyOnWriteArrayList<>();
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(2 * THREADS_PER_NODE);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 2 * THREADS_PER_NODE; t++) {
            MongoCommitStorageEngine node = t % 2 == 0 ? nodeA : nodeB;
            String own = "unit-" + t;
            futures.add(writers.submit(() -> {
                long next = 0;
                for (int c = 0; c < COMMITS_PER_THREAD; c++) {
                    if (c % 10 == 0) {
                        // Contend for one shared aggregate with every other writer: exactly one wins each race.
                        long head = node.lastSequenceNumberFor("shared").map(s -> s + 1).orElse(0L);
                        DomainEventMessage<String> event = event("shared", head);
                        try {
                            node.appendEvents(event);
                            written.add(event.getIdentifier());
                        } catch (ConcurrencyException | AggregateStreamCreationException expected) {
                            conflicts.incrementAndGet();
                        }
                    }
                    int size = 1 + ThreadLocalRandom.current().nextInt(3);
                    List<DomainEventMessage<String>> commit = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        commit.add(event(own, next++));
                    }
                    node.appendEvents(commit);
                    commit.forEach(e -> written.add(e.getIdentifier()));
                }
                return null;
            }));
        }
        try {
            for (Future<?> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            writers.shutdownNow();
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (deliveries.size() < written.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(300); // would reveal a late duplicate delivery

        assertThat(deliveries.keySet()).containsExactlyInAnyOrderElementsOf(written);
        assertThat(deliveries.values()).allMatch(count -> count == 1);
        sequencesByAggregate.forEach((aggregate, sequences) -> {
            List<Long> expected = new ArrayList<>();
            for (long s = 0; s < sequences.size(); s++) {
                expected.add(s);
            }
            assertThat(sequences).as("order of %s", aggregate).containsExactlyElementsOf(expected);
        });
        assertThat(sequencesByAggregate).hasSize(2 * THREADS_PER_NODE + 1);
        assertThat(conflicts.get()).as("races lost on the shared aggregate").isPositive();

        // A replay (a rebuild, a new processor) reads in position order: it must meet every aggregate's events in
        // sequence order too, the shared one included, although the nodes wrote it from interleaved position blocks.
        Map<String, Long> lastSequence = new HashMap<>();
        Map<String, Long> logPositions = new HashMap<>();
        try (var replay = nodeA.readEvents(null, false)) {
            replay.forEach(data -> {
                DomainEventMessage<?> event = (DomainEventMessage<?>) data;
                Long previous = lastSequence.put(event.getAggregateIdentifier(), event.getSequenceNumber());
                assertThat(event.getSequenceNumber()).as("replay order of %s", event.getAggregateIdentifier())
                                                     .isEqualTo(previous == null ? 0 : previous + 1);
                logPositions.put(event.getIdentifier(), data.trackingToken().position().orElseThrow());
            });
        }
        assertThat(lastSequence.values().stream().mapToLong(Long::longValue).sum() + lastSequence.size())
                .isEqualTo(written.size());

        // The history view's positions: every event's own, although an event committed late came with a token
        // whose position is another event's (the highest its reader had seen)
        assertThat(positionsAsDelivered).isEqualTo(logPositions);
        assertThat(tokenPositions).as("events delivered after a higher position (gaps filled late)")
                                  .isNotEqualTo(logPositions);
    }

    @Test
    void aWriterThatStallsPastTheCommitDelayTakesFreshPositionsAndIsStillTracked() throws Exception {
        MongoCommitStorageEngine slow = node(120, Duration.ofMillis(60));
        MongoCommitStorageEngine fast = node(0, Duration.ofSeconds(10));
        List<String> seen = new CopyOnWriteArrayList<>();
        TrackingEventProcessor processor = trackingProcessor(fast, event -> seen.add(event.getIdentifier()));
        processor.start();

        List<String> written = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            DomainEventMessage<String> fromFast = event("fast", i);
            fast.appendEvents(fromFast);
            written.add(fromFast.getIdentifier());
            DomainEventMessage<String> fromSlow = event("slow", i);
            try {
                slow.appendEvents(fromSlow);
                written.add(fromSlow.getIdentifier());
            } catch (org.axonframework.eventsourcing.eventstore.EventStoreException tooSlowThreeTimes) {
                // refused, and so never acknowledged: it must not appear either
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (seen.size() < written.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        processor.shutDown();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(written);
    }

    private TrackingEventProcessor trackingProcessor(MongoCommitStorageEngine engine, EventConsumer consumer) {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(10).build();
        stores.add(store);
        EventMessageHandler handler = event -> {
            consumer.accept(event);
            return null;
        };
        return TrackingEventProcessor.builder()
                                     .name("two-writers")
                                     .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                                                                                   .eventHandlers(handler)
                                                                                   .build())
                                     .messageSource(store)
                                     .tokenStore(new InMemoryTokenStore())
                                     .transactionManager(NoTransactionManager.INSTANCE)
                                     .trackingEventProcessorConfiguration(
                                             TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                                                                .andBatchSize(50))
                                     .build();
    }

    private interface EventConsumer {
        void accept(EventMessage<?> event);
    }

    private static DomainEventMessage<String> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Test", aggregate, sequence, aggregate + "#" + sequence);
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
