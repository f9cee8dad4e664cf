package vn.xhht.ledger.infrastructure.projections;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An embedded in-memory server and a reactive client that counts the commands it sends, by name. */
final class CountedMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client;
    private final Map<String, AtomicInteger> commands = new ConcurrentHashMap<>();
    private com.mongodb.client.MongoClient sync;

    CountedMongo() {
        CommandListener counter = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commands.computeIfAbsent(event.getCommandName(), name -> new AtomicInteger()).incrementAndGet();
            }
        };
        client = MongoClients.create(MongoClientSettings.builder().addCommandListener(counter).applyConnectionString(
                new ConnectionString("mongodb://" + server.bind().getHostString() + ":"
                                             + server.getLocalAddress().getPort())).build());
    }

    MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    /** The same database through the sync driver (what the event store uses); its commands are not counted. */
    com.mongodb.client.MongoDatabase syncDatabase(String name) {
        if (sync == null) {
            sync = com.mongodb.client.MongoClients.create("mongodb://" + server.getLocalAddress().getHostString() + ":"
                                                                  + server.getLocalAddress().getPort());
        }
        return sync.getDatabase(name);
    }

    /** How many commands of that name were sent since the last {@link #forget()}. */
    int count(String command) {
        return commands.getOrDefault(command, new AtomicInteger()).get();
    }

    void forget() {
        commands.clear();
    }

    @Override
    public void close() {
        client.close();
        if (sync != null) {
            sync.close();
        }
        server.shutdownNow();
    }
}
