package vn.xhht.ledger.infrastructure.config;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.xhht.ledger.infrastructure.mongo.EmbeddedMongo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Where the data lives. With {@code MONGODB_URI} (property {@code xhht.mongodb.uri}) the service uses that
 * MongoDB (a replica set in production); without it, it starts mongo-java-server in-process with its H2 file
 * backend in {@code xhht.data-dir}, so a restart keeps everything. The event store uses the sync driver, the read
 * side the reactive-streams driver, both over TCP.
 */
@Configuration(proxyBeanMethods = false)
public class MongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoConfiguration.class);

    /** The connection string in use, and the embedded server behind it if there is one. */
    public record MongoEndpoint(String connectionString, EmbeddedMongo embedded) implements AutoCloseable {
        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    public MongoEndpoint mongoEndpoint(@Value("${xhht.mongodb.uri:}") String uri,
                                       @Value("${xhht.data-dir:./data}") String dataDir,
                                       @Value("${xhht.mongodb.embedded.backend:h2}") String backend,
                                       @Value("${xhht.mongodb.embedded.port:0}") int port) {
        if (uri != null && !uri.isBlank()) {
            log.info("Using MongoDB at {}", new ConnectionString(uri).getHosts());
            return new MongoEndpoint(uri, null);
        }
        EmbeddedMongo embedded = "memory".equalsIgnoreCase(backend)
                ? EmbeddedMongo.memory()
                : EmbeddedMongo.h2(Path.of(dataDir).toAbsolutePath(), "127.0.0.1", port);
        log.info("No MONGODB_URI: started the embedded MongoDB ({} backend{}) at {}", backend,
                 "memory".equalsIgnoreCase(backend) ? "" : " in " + Path.of(dataDir).toAbsolutePath(),
                 embedded.connectionString());
        return new MongoEndpoint(embedded.connectionString(), embedded);
    }

    private static MongoClientSettings settings(MongoEndpoint endpoint, Duration readTimeout) {
        return MongoClientSettings.builder()
                                  .applyConnectionString(new ConnectionString(endpoint.connectionString()))
                                  .applyToClusterSettings(c -> c.serverSelectionTimeout(10, TimeUnit.SECONDS))
                                  // a reply that never comes fails the operation (and frees the request) instead of
                                  // hanging it: no operation of ours legitimately runs this long
                                  .applyToSocketSettings(s -> s.readTimeout((int) readTimeout.toMillis(), TimeUnit.MILLISECONDS))
                                  .build();
    }

    @Bean(destroyMethod = "close")
    public MongoClient syncMongoClient(MongoEndpoint endpoint,
                                       @Value("${xhht.mongodb.read-timeout:PT30S}") Duration readTimeout) {
        return MongoClients.create(settings(endpoint, readTimeout));
    }

    @Bean(destroyMethod = "close")
    public com.mongodb.reactivestreams.client.MongoClient reactiveMongoClient(
            MongoEndpoint endpoint, @Value("${xhht.mongodb.read-timeout:PT30S}") Duration readTimeout) {
        return com.mongodb.reactivestreams.client.MongoClients.create(settings(endpoint, readTimeout));
    }

    /** The database of the event store (sync driver). */
    @Bean
    public MongoDatabase eventDatabase(MongoClient client, @Value("${xhht.mongodb.database:xhht}") String name) {
        return client.getDatabase(name);
    }

    /** The same database seen by the read side (reactive driver). */
    @Bean
    public com.mongodb.reactivestreams.client.MongoDatabase readDatabase(
            com.mongodb.reactivestreams.client.MongoClient client,
            @Value("${xhht.mongodb.database:xhht}") String name) {
        return client.getDatabase(name);
    }
}
