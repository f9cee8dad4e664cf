package vn.xhht.ledger.infrastructure.config;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractReactiveHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** UP when the event store's database answers; the service can then take commands. */
@Component("eventStore")
public class EventStoreHealthIndicator extends AbstractReactiveHealthIndicator {

    private final MongoDatabase eventDatabase;

    public EventStoreHealthIndicator(MongoDatabase eventDatabase) {
        super("The event store's database does not answer");
        this.eventDatabase = eventDatabase;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return Mono.fromCallable(() -> eventDatabase.runCommand(new Document("ping", 1)))
                   .subscribeOn(Schedulers.boundedElastic())
                   .map(answer -> builder.up().build());
    }
}
