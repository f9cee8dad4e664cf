package vn.xhht.ledger.infrastructure.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngineTest;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import vn.xhht.ledger.infrastructure.mongo.EmbeddedMongo;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Axon's own storage-engine contract suite ({@code axon-eventsourcing:tests}), run against our engine on the
 * embedded server over TCP with the real sync driver. Each test gets a fresh database.
 */
class MongoCommitStorageEngineContractTest
        extends BatchingEventStorageEngineTest<MongoCommitStorageEngine, MongoCommitStorageEngine.Builder> {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedMongo server;
    private static MongoClient client;
    private MongoDatabase database;

    @BeforeAll
    static void startServer() {
        server = EmbeddedMongo.memory();
        client = MongoClients.create(server.connectionString());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }

    @BeforeEach
    void createTestSubject() {
        database = client.getDatabase("contract" + DATABASES.incrementAndGet());
        setTestSubject(createEngine());
    }

    @Override
    protected MongoCommitStorageEngine createEngine(UnaryOperator<MongoCommitStorageEngine.Builder> customization) {
        MongoCommitStorageEngine.Builder builder = MongoCommitStorageEngine.builder()
                                                                           .database(database)
                                                                           .eventSerializer(JacksonSerializer.defaultSerializer())
                                                                           .snapshotSerializer(JacksonSerializer.defaultSerializer());
        return customization.apply(builder).build();
    }
}
