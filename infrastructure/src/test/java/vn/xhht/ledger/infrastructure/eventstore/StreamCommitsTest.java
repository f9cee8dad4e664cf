package vn.xhht.ledger.infrastructure.eventstore;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.Page;
import vn.xhht.ledger.domain.history.HistoryQueries.LoggedEvent;
import vn.xhht.ledger.infrastructure.audit.AuditTrail;
import vn.xhht.ledger.infrastructure.mongo.EmbeddedMongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An aggregate's commits read by their stream keys (what an auditor's page of one aggregate reads): every commit
 * holding one of its events, once, in position order — across commits shared with other aggregates and streams
 * longer than the first chunks of keys asked — and nothing of an aggregate whose id merely starts the same.
 */
class StreamCommitsTest {

    private EmbeddedMongo server;
    private MongoClient client;
    private MongoCommitStorageEngine engine;
    private MongoCollection<Document> events;
    private final Map<String, Long> sequences = new java.util.HashMap<>();
    private final List<String> finds = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = EmbeddedMongo.memory();
        client = MongoClients.create(MongoClientSettings.builder()
                                             .applyConnectionString(new ConnectionString(server.connectionString()))
                                             .addCommandListener(new CommandListener() {
                                                 @Override
                                                 public void commandStarted(CommandStartedEvent event) {
                                                     if (event.getCommandName().equals("find")) {
                                                         finds.add(event.getCommand().toJson());
                                                     }
                                                 }
                                             }).build());
        MongoDatabase database = client.getDatabase("streams");
        engine = MongoCommitStorageEngine.builder().database(database)
                                         .eventSerializer(JacksonSerializer.defaultSerializer())
                                         .snapshotSerializer(JacksonSerializer.defaultSerializer()).build();
        events = database.getCollection(MongoCommitStorageEngine.EVENTS);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void everyCommitOfTheStreamIsReadOnceInPositionOrder() {
        for (int round = 0; round < 12; round++) {
            commit("unit-a", "unit-a", "unit-a");           // three of its own
            commit("unit-a-1");                             // an id that starts the same
            commit("unit-b", "unit-a", "unit-b");           // shared with another aggregate
        }
        commit("unit-a");

        List<Document> commits = MongoCommitStorageEngine.streamCommits(events, "unit-a");

        List<Long> expected = new ArrayList<>();
        for (Document commit : events.find().sort(new Document("_id", 1))) {
            if (commit.getList("events", Document.class).stream().anyMatch(e -> "unit-a".equals(e.getString("agg")))) {
                expected.add(commit.getLong("_id"));
            }
        }
        assertThat(commits).extracting(commit -> commit.getLong("_id")).containsExactlyElementsOf(expected).hasSize(25);
        long events = commits.stream().flatMap(commit -> commit.getList("events", Document.class).stream())
                             .filter(event -> "unit-a".equals(event.getString("agg"))).count();
        assertThat(events).isEqualTo(49); // 12 × 4 + 1: beyond the 4 and 16 keys asked first
    }

    @Test
    void aStreamEndingAtAChunkBoundaryAndAnUnknownOneAreRead() {
        commit("unit-c", "unit-c");
        commit("unit-c", "unit-c");

        assertThat(MongoCommitStorageEngine.streamCommits(events, "unit-c")).hasSize(2);
        assertThat(MongoCommitStorageEngine.streamCommits(events, "unit-x")).isEmpty();
    }

    @Test
    void anAuditorsPageOfOneAggregateIsReadByKeyNotByPrefix() {
        for (int i = 0; i < 6; i++) {
            commit("unit-d", "unit-e");
        }
        finds.clear();

        Page<LoggedEvent> page = new AuditTrail(client.getDatabase("streams"))
                .page(new AuditTrail.Filter("unit-d", null, null, null, null, null), 0, 4);

        assertThat(page.items()).hasSize(4).allSatisfy(item -> assertThat(item.aggregateId()).isEqualTo("unit-d"));
        // a prefix (a regular expression) reads every commit on the embedded server
        assertThat(finds).isNotEmpty().noneMatch(find -> find.contains("$regularExpression") || find.contains("$regex"));
    }

    /** One commit holding the next event of each aggregate named, in that order. */
    private void commit(String... aggregates) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (String aggregate : aggregates) {
            long seq = sequences.merge(aggregate, 1L, Long::sum) - 1;
            messages.add(new GenericDomainEventMessage<>("Unit", aggregate, seq, Map.of("name", aggregate + " " + seq)));
        }
        engine.appendEvents(messages);
    }
}
