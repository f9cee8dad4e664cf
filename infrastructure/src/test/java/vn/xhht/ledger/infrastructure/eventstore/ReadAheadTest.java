package vn.xhht.ledger.infrastructure.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.infrastructure.mongo.EmbeddedMongo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader catching up (at commits made a while ago) asks for its next window while it handles the one it has. A commit stored after that window
 * was read (a writer on another node that reserved its positions earlier) is not lost: the stale window leaves its
 * position as a gap, and the next fetch asks for the gap and delivers it — every position exactly once.
 */
class ReadAheadTest {

    private EmbeddedMongo server;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void start() {
        server = EmbeddedMongo.memory();
        client = MongoClients.create(server.connectionString());
        database = client.getDatabase("read-ahead");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private MongoCommitStorageEngine node(CountDownLatch holdInsert) {
        return node(holdInsert, java.time.Clock.systemUTC());
    }

    private MongoCommitStorageEngine node(CountDownLatch holdInsert, java.time.Clock clock) {
        MongoCommitStorageEngine.Builder builder = new MongoCommitStorageEngine.Builder() {
            @Override
            public MongoCommitStorageEngine build() {
                validate();
                return new MongoCommitStorageEngine(this) {
                    @Override
                    protected void beforeInsert(long firstPosition, Document commit) {
                        try {
                            holdInsert.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                };
            }
        };
        return builder.database(database).eventSerializer(JacksonSerializer.defaultSerializer())
                      .snapshotSerializer(JacksonSerializer.defaultSerializer())
                      .readAheadFreshness(java.time.Duration.ofSeconds(30)) // a slow machine still uses the window
                      .clock(clock)
                      .build(); // blocks of 64 positions
    }

    private static void append(MongoCommitStorageEngine engine, String aggregate, int events) {
        for (int i = 0; i < events; i++) {
            engine.appendEvents(new GenericDomainEventMessage<>("Unit", aggregate, i, "event " + i));
        }
    }

    /** The token's position: the event's own, except for one delivered from a gap (the token stays ahead). */
    private static List<Long> positions(List<? extends TrackedEventData<?>> events) {
        return events.stream().map(e -> e.trackingToken().position().orElseThrow()).toList();
    }

    /**
     * Node A stores positions 1..128 and 193..292; node B has reserved 129..192 and holds its commit at 129 between
     * reserving and inserting until its latch opens. Answers node B's append.
     */
    private static CompletableFuture<Void> withALateCommitAt129(MongoCommitStorageEngine nodeA,
                                                                MongoCommitStorageEngine nodeB) throws Exception {
        append(nodeA, "a", 128);
        CompletableFuture<Void> late = CompletableFuture.runAsync(() -> append(nodeB, "b", 1));
        Thread.sleep(300);
        append(nodeA, "a2", 100);
        return late;
    }

    /** What each event is: its aggregate and sequence. */
    private static List<String> events(List<? extends TrackedEventData<?>> events) {
        return events.stream().map(e -> ((DomainEventData<?>) e).getAggregateIdentifier() + "#"
                + ((DomainEventData<?>) e).getSequenceNumber()).toList();
    }

    @Test
    void aCommitStoredAfterItsWindowWasReadAheadIsDeliveredAsAGapOnce() throws Exception {
        CountDownLatch open = new CountDownLatch(0);
        CountDownLatch held = new CountDownLatch(1);
        MongoCommitStorageEngine nodeA = node(open);
        MongoCommitStorageEngine nodeB = node(held);
        // the reader comes to these commits ten seconds after they were made: it is catching up (gaps last 60 s)
        MongoCommitStorageEngine reader = node(open, java.time.Clock.offset(java.time.Clock.systemUTC(),
                                                                            java.time.Duration.ofSeconds(10)));

        CompletableFuture<Void> late = withALateCommitAt129(nodeA, nodeB);

        List<? extends TrackedEventData<?>> first = reader.fetchTrackedEvents(null, 100);
        assertThat(positions(first)).hasSize(128).endsWith(128L); // a full window: the next one is read ahead now
        Thread.sleep(50);
        held.countDown();                                          // position 129 is stored after that read
        late.get(10, TimeUnit.SECONDS);

        TrackingToken token = first.get(first.size() - 1).trackingToken();
        List<String> delivered = new ArrayList<>(events(first));
        var second = reader.fetchTrackedEvents(token, 100);
        assertThat(positions(second)).as("the window read ahead, before 129 was stored").startsWith(193L).endsWith(256L);
        assertThat(events(second)).doesNotContain("b#0");
        delivered.addAll(events(second));
        token = second.get(second.size() - 1).trackingToken();
        for (int fetches = 0; fetches < 10; fetches++) {
            var more = reader.fetchTrackedEvents(token, 100);
            if (more.isEmpty()) {
                break;
            }
            token = more.get(more.size() - 1).trackingToken();
            delivered.addAll(events(more));
        }
        assertThat(delivered).doesNotHaveDuplicates().contains("b#0").hasSize(229);
    }

    @Test
    void aReaderFollowingLiveWritesReadsNothingAhead() throws Exception {
        CountDownLatch open = new CountDownLatch(0);
        CountDownLatch held = new CountDownLatch(1);
        MongoCommitStorageEngine nodeA = node(open);
        MongoCommitStorageEngine nodeB = node(held);
        MongoCommitStorageEngine reader = node(open); // at commits made a moment ago

        CompletableFuture<Void> late = withALateCommitAt129(nodeA, nodeB);
        var first = reader.fetchTrackedEvents(null, 100);
        held.countDown();
        late.get(10, TimeUnit.SECONDS);
        var second = reader.fetchTrackedEvents(first.get(first.size() - 1).trackingToken(), 100);
        assertThat(events(second)).as("read when it came to it, after 129 was stored").startsWith("b#0");
    }
}
