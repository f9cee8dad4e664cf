package vn.xhht.ledger.infrastructure.web;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.xhht.ledger.domain.common.AuditMetaData;
import vn.xhht.ledger.infrastructure.security.Actor;

import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sends a command with its audit metadata (actor and roles from authentication; reason, correlation and request
 * ids from the request) and answers the resulting aggregate version once the events are stored. The command
 * runs off the event loop: storing events uses the blocking sync driver.
 */
@Component
public class Commands {

    public static final String SYSTEM_ACTOR = "system";
    private static final int RETRIES = 3;

    private final CommandGateway gateway;
    private final EventStore events;
    private final Duration timeout;
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();

    public Commands(CommandGateway gateway, EventStore events,
                    @Value("${xhht.commands.timeout:PT30S}") Duration timeout) {
        this.gateway = gateway;
        this.events = events;
        this.timeout = timeout;
    }

    /**
     * Sends the command and answers the aggregate's version after it. When the request is a retry of one whose
     * answer was lost in a crash ({@link RequestIds#recovering}), the events that attempt stored, if any, are its
     * result: their version is answered and nothing is sent again.
     */
    public Mono<Long> send(Object command, Actor actor, String reason, ServerWebExchange exchange) {
        String requestId = RequestIds.of(exchange);
        Mono<Long> sent = Mono.defer(() -> dispatch(command, actor.username(), actor.roleNames(), reason,
                                                    CorrelationIds.of(exchange), requestId, Map.of())
                .map(result -> ((Number) result).longValue()));
        if (!RequestIds.recovering(exchange)) {
            return sent;
        }
        return Mono.fromCallable(() -> storedBy(command, requestId))
                   .subscribeOn(Schedulers.boundedElastic())
                   .flatMap(stored -> stored.map(Mono::just).orElse(sent));
    }

    /** The version of the command's aggregate after the events the request stored, if it stored any. */
    private Optional<Long> storedBy(Object command, String requestId) {
        String aggregateId = targets.resolveTarget(GenericCommandMessage.asCommandMessage(command)).getIdentifier();
        Long version = null;
        DomainEventStream stream = events.readEvents(aggregateId);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (requestId.equals(event.getMetaData().get(AuditMetaData.REQUEST_ID))) {
                version = event.getSequenceNumber();
            }
        }
        return Optional.ofNullable(version);
    }

    /**
     * Sends a command on the service's own behalf (start-up loading of framework files, deadlines), with
     * {@code system} as the actor. Answers the handler's result.
     */
    public Mono<Object> sendAsSystem(Object command, String reason) {
        String id = UUID.randomUUID().toString();
        return dispatch(command, SYSTEM_ACTOR, List.of("SYSTEM"), reason, id, id, Map.of());
    }

    /** Sends with the caller's actor and answers the handler's result, whatever its type. */
    public Mono<Object> sendForResult(Object command, Actor actor, String reason, ServerWebExchange exchange) {
        return dispatch(command, actor.username(), actor.roleNames(), reason, CorrelationIds.of(exchange),
                        RequestIds.of(exchange), Map.of());
    }

    /**
     * Sends one row of an imported file: its metadata names the file (SHA-256) and the row, so that the audit log
     * says where the change came from; all rows of one request share its correlation id.
     */
    public Mono<Object> sendImported(Object command, Actor actor, ServerWebExchange exchange, String fileSha256,
                                     int row) {
        return dispatch(command, actor.username(), actor.roleNames(), null, CorrelationIds.of(exchange),
                        RequestIds.of(exchange) + ":" + row,
                        Map.of(AuditMetaData.IMPORT_FILE, fileSha256, AuditMetaData.IMPORT_ROW, row));
    }

    private Mono<Object> dispatch(Object command, String actor, List<String> roles, String reason,
                                  String correlationId, String requestId, Map<String, Object> extra) {
        Map<String, Object> audit = new HashMap<>(extra);
        audit.put(AuditMetaData.ACTOR, actor);
        audit.put(AuditMetaData.ROLES, roles);
        if (reason != null && !reason.isBlank()) {
            audit.put(AuditMetaData.REASON, reason.strip());
        }
        audit.put(AuditMetaData.CORRELATION_ID, correlationId);
        audit.put(AuditMetaData.REQUEST_ID, requestId);
        var message = GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(audit));
        return Mono.fromCallable(() -> gateway.sendAndWait(message, timeout.toMillis(), TimeUnit.MILLISECONDS))
                   .subscribeOn(Schedulers.boundedElastic())
                   // Contention on shared streams (period ledgers, assessment slots): the command is re-run against
                   // the new state. A stale If-Match is a ConflictingAggregateVersionException and is not retried.
                   .retryWhen(Retry.backoff(RETRIES, Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(200))
                                   .filter(Commands::isContention)
                                   .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    private static boolean isContention(Throwable error) {
        Throwable cause = ProblemExceptionHandler.unwrap(error);
        return cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException;
    }
}
