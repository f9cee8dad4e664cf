package vn.xhht.ledger.infrastructure.web;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/** Asks the query side, and waits for a projection to reach the version a command produced. */
@Component
public class Reads {

    private static final Duration POLL = Duration.ofMillis(10);

    private final QueryGateway queries;
    private final Duration projectionWait;

    public Reads(QueryGateway queries, @Value("${xhht.projections.wait:PT5S}") Duration projectionWait) {
        this.queries = queries;
        this.projectionWait = projectionWait;
    }

    public <T> Mono<T> ask(Object query, Class<T> type) {
        return Mono.defer(() -> Mono.fromFuture(queries.query(query, ResponseTypes.instanceOf(type))))
                   .onErrorMap(ProblemExceptionHandler::unwrap);
    }

    /**
     * The view once it shows {@code version} or later; empty if the projection has not caught up within the
     * wait (the command's events are stored all the same).
     */
    public <T> Mono<T> awaitVersion(Supplier<Mono<T>> read, ToLongFunction<T> versionOf, long version) {
        long attempts = projectionWait.toMillis() / POLL.toMillis();
        return Mono.defer(read)
                   .onErrorResume(e -> e instanceof DomainException d && d.code().kind() == ErrorCode.Kind.NOT_FOUND,
                                  e -> Mono.empty())
                   .filter(view -> versionOf.applyAsLong(view) >= version)
                   .repeatWhenEmpty(repeats -> repeats.take(attempts).delayElements(POLL));
    }
}
