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
import org.junit.jupiter.api.io.TempDir;
import vn.xhht.ledger.infrastructure.mongo.EmbeddedMongo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The log signing key can be replaced: what comes after is sealed with the new key, what came before still verifies
 * with the old one (kept as a retired key file), and the old key can no longer seal anything that verifies.
 */
class LogKeyRotationTest {

    @TempDir
    Path dir;
    private EmbeddedMongo server;
    private MongoClient client;
    private MongoDatabase database;
    private final List<EmbeddedEventStore> stores = new ArrayList<>();
    private final List<LogNotary> notaries = new ArrayList<>();

    @BeforeEach
    void start() {
        server = EmbeddedMongo.memory();
        client = MongoClients.create(server.connectionString());
        database = client.getDatabase("rotation");
    }

    @AfterEach
    void stop() {
        notaries.forEach(LogNotary::stop);
        stores.forEach(EmbeddedEventStore::shutDown);
        client.close();
        server.close();
    }

    @Test
    void aNewKeySealsWhatComesAfterAndTheWholeLogStillVerifies() throws Exception {
        Path first = dir.resolve("first.key");
        Path second = dir.resolve("second.key");
        LogSeal old = LogSeal.open(database, first, List.of());
        append(old, 0);
        // a log sealed before commits and checkpoints named their key: the first key verifies them
        database.getCollection(MongoCommitStorageEngine.EVENTS).updateMany(new Document(),
                new Document("$unset", new Document(LogSeal.KEY_ID, "")));

        assertThatThrownBy(() -> LogSeal.open(database, second, List.of()))
                .as("another key without the current one retired").hasMessageContaining("every node must use a copy");
        LogSeal rotated = LogSeal.open(database, second, List.of(first));
        append(rotated, 1);

        LogVerifier.Report report = new LogVerifier(database, rotated).verify();
        assertThat(report.ok()).as("%s", report).isTrue();
        assertThat(report.checkedEvents()).isEqualTo(20);
        assertThat(database.getCollection(LogNotary.CHECKPOINTS).distinct(LogSeal.KEY_ID, String.class).into(new ArrayList<>()))
                .as("checkpoints under the new key").contains(rotated.keyId());
        assertThat(rotated.keys()).extracting(key -> key.getString(LogSeal.KEY_ID))
                                  .containsExactly(old.keyId(), rotated.keyId());
        assertThat(LogSeal.open(database, second, List.of(first)).keyId()).as("a restart goes on").isEqualTo(rotated.keyId());
        assertThatThrownBy(() -> LogSeal.open(database, first, List.of())).hasMessageContaining("was retired");
        assertThatThrownBy(() -> LogSeal.open(database, second, List.of()))
                .as("the old key is needed to verify the log's beginning").hasMessageContaining("retired-key-files");

        // whoever still holds the old key cannot add to the log unnoticed
        notaries.forEach(LogNotary::stop);
        engine(old).appendEvents(new GenericDomainEventMessage<>("Unit", "late", 0, "forged with the old key"));
        LogVerifier.Report forged = new LogVerifier(database, rotated).verify();
        assertThat(forged.ok()).isFalse();
        long last = ((Number) database.getCollection(MongoCommitStorageEngine.EVENTS).find()
                                      .sort(new Document("_id", -1)).first().get("_id")).longValue();
        assertThat(forged.firstBrokenPosition()).isEqualTo(last);
        assertThat(forged.problem()).contains("retired before it");
    }

    /** Ten events of unit-{@code round} sealed with {@code seal}, and a checkpoint over them. */
    private void append(LogSeal seal, int round) throws InterruptedException {
        MongoCommitStorageEngine engine = engine(seal);
        long before = database.getCollection(LogNotary.CHECKPOINTS).countDocuments();
        LogNotary notary = new LogNotary(stores.get(stores.size() - 1), database, seal, Duration.ofMillis(50));
        notaries.add(notary);
        notary.start();
        for (int i = 0; i < 10; i++) {
            engine.appendEvents(new GenericDomainEventMessage<>("Unit", "unit-" + round, i, "event " + i));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (database.getCollection(LogNotary.CHECKPOINTS).countDocuments() == before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        notary.stop();
    }

    private MongoCommitStorageEngine engine(LogSeal seal) {
        MongoCommitStorageEngine engine = MongoCommitStorageEngine.builder()
                                                                  .database(database)
                                                                  .seal(seal)
                                                                  .eventSerializer(JacksonSerializer.defaultSerializer())
                                                                  .snapshotSerializer(JacksonSerializer.defaultSerializer())
                                                                  .blockSize(1) // no gap between the engines' positions
                                                                  .build();
        stores.add(EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(20).build());
        return engine;
    }
}
