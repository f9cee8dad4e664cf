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

    /** What a command answers: the resource as it now stands (or its id while the view catches up), and its version. */
    public record Answer(Object body, long version) {
    }

    /**
     * The resource after a command: its view once the projection shows {@code version}, or {@code {id, version}} if the
     * projection is slower than the wait (the events are stored either way).
     */
    public <T> Mono<Answer> answer(String id, long version, Supplier<Mono<T>> read, ToLongFunction<T> versionOf) {
        return awaitVersion(read, versionOf, version)
                .map(view -> new Answer(view, versionOf.applyAsLong(view)))
                .defaultIfEmpty(new Answer(java.util.Map.of("id", id, "version", version), version));
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
