package vn.xhht.ledger.infrastructure.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.infrastructure.mongo.EmbeddedMongo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notaries of two nodes follow the same log and both want to checkpoint it: there must still be one chain of
 * checkpoints, each signed over its predecessor, that the verification accepts.
 */
class TwoNotariesTest {

    private final List<MongoClient> clients = new ArrayList<>();
    private final List<EmbeddedEventStore> stores = new ArrayList<>();
    private final List<LogNotary> notaries = new ArrayList<>();
    private final LogSeal seal = LogSeal.generate();
    private EmbeddedMongo server;

    @BeforeEach
    void start() {
        server = EmbeddedMongo.memory();
    }

    @AfterEach
    void stop() {
        notaries.forEach(LogNotary::stop);
        stores.forEach(EmbeddedEventStore::shutDown);
        clients.forEach(MongoClient::close);
        server.close();
    }

    @Test
    void twoNotariesWritingAtOnceKeepOneChainOfCheckpoints() throws Exception {
        MongoCommitStorageEngine a = node(8, Duration.ofMillis(100));
        MongoCommitStorageEngine b = node(8, Duration.ofMillis(100));
        for (int i = 0; i < 60; i++) {
            (i % 2 == 0 ? a : b).appendEvents(new GenericDomainEventMessage<>("Unit", "unit-" + i % 7, i / 7, "e" + i));
            Thread.sleep(40);
        }
        Thread.sleep(1_000);
        notaries.forEach(LogNotary::stop);

        MongoDatabase database = database();
        assertThat(database.getCollection(LogNotary.CHECKPOINTS).countDocuments()).as("checkpoints").isGreaterThanOrEqualTo(2);
        LogVerifier.Report report = new LogVerifier(database, seal).verify();
        assertThat(report.ok()).as("verification: %s", report).isTrue();
        assertThat(report.checkedEvents()).isEqualTo(60);
    }

    @Test
    void aBulkLoadIsCheckpointedInBoundedStepsSoEveryCheckpointFitsADocument() throws Exception {
        // commits filling whole position blocks: no gap waits for its timeout (60 s) before positions settle; and an
        // interval longer than the test: only the backlog makes the notary checkpoint
        MongoCommitStorageEngine node = node(250, Duration.ofMinutes(10));
        int events = 25_000;
        for (int commit = 0; commit < events / 250; commit++) {
            List<org.axonframework.eventhandling.EventMessage<?>> batch = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                batch.add(new GenericDomainEventMessage<>("Unit", "unit-" + commit + "-" + i, 0, "e"));
            }
            node.appendEvents(batch);
        }
        MongoDatabase database = database();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long covered = 0;
        while (covered < events - LogNotary.MAX_RANGE && System.nanoTime() < deadline) {
            Thread.sleep(200);
            Document last = database.getCollection(LogNotary.CHECKPOINTS).find().sort(new Document("_id", -1)).first();
            covered = last == null ? 0 : last.getLong("count");
        }
        notaries.forEach(LogNotary::stop);

        assertThat(covered).as("events covered by checkpoints without waiting for the interval")
                           .isGreaterThanOrEqualTo(events - LogNotary.MAX_RANGE);
        long previous = 0;
        for (Document checkpoint : database.getCollection(LogNotary.CHECKPOINTS).find().sort(new Document("_id", 1))) {
            assertThat(checkpoint.getLong("_id") - previous).as("range of checkpoint %s", checkpoint.get("_id"))
                                                            .isLessThanOrEqualTo(LogNotary.MAX_RANGE);
            previous = checkpoint.getLong("_id");
        }
        assertThat(new LogVerifier(database, seal).verify().ok()).isTrue();
    }

    /** A node: its own connection, storage engine, event store and notary. */
    private MongoCommitStorageEngine node(int blockSize, Duration interval) {
        MongoCommitStorageEngine engine = MongoCommitStorageEngine.builder()
                                                                  .database(database())
                                                                  .seal(seal)
                                                                  .eventSerializer(JacksonSerializer.defaultSerializer())
                                                                  .snapshotSerializer(JacksonSerializer.defaultSerializer())
                                                                  .blockSize(blockSize)
                                                                  .build();
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(20).build();
        stores.add(store);
        LogNotary notary = new LogNotary(store, database(), seal, interval);
        notaries.add(notary);
        notary.start();
        return engine;
    }

    private MongoDatabase database() {
        MongoClient client = MongoClients.create(server.connectionString());
        clients.add(client);
        return client.getDatabase("notaries");
    }
}
