package vn.xhht.ledger.infrastructure.web;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.xhht.ledger.domain.common.AuditMetaData;
import vn.xhht.ledger.infrastructure.security.Actor;

import java.time.Duration;
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

    private final CommandGateway gateway;
    private final Duration timeout;

    public Commands(CommandGateway gateway, @Value("${xhht.commands.timeout:PT30S}") Duration timeout) {
        this.gateway = gateway;
        this.timeout = timeout;
    }

    public Mono<Long> send(Object command, Actor actor, String reason, ServerWebExchange exchange) {
        Map<String, Object> audit = new HashMap<>();
        audit.put(AuditMetaData.ACTOR, actor.username());
        audit.put(AuditMetaData.ROLES, actor.roleNames());
        if (reason != null && !reason.isBlank()) {
            audit.put(AuditMetaData.REASON, reason.strip());
        }
        audit.put(AuditMetaData.CORRELATION_ID, CorrelationIds.of(exchange));
        audit.put(AuditMetaData.REQUEST_ID, exchange.getRequest().getId());
        var message = GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(audit));
        return Mono.fromCallable(() -> gateway.sendAndWait(message, timeout.toMillis(), TimeUnit.MILLISECONDS))
                   .subscribeOn(Schedulers.boundedElastic())
                   .map(result -> ((Number) result).longValue());
    }
}
