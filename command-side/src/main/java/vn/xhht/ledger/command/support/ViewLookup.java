package vn.xhht.ledger.command.support;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A command handler's question to a view (through the query bus: the command side knows the domain's queries, not
 * the query side), for what no aggregate holds — a unit's children, the published indicator catalogue. Command
 * handlers run off the event loop, so the answer is waited for, at most {@code xhht.commands.timeout}. A view
 * that does not answer refuses the command with {@code 503}: nothing is stored.
 */
@Component
public class ViewLookup {

    private final QueryGateway queries;
    private final Duration wait;

    public ViewLookup(QueryGateway queries, @Value("${xhht.commands.timeout:PT30S}") Duration wait) {
        this.queries = queries;
        this.wait = wait;
    }

    /** The view's answer; empty when the view knows nothing of it ({@code NOT_FOUND}). */
    public <T> Optional<T> ask(Object query, Class<T> type, String what) {
        try {
            return Optional.of(queries.query(query, ResponseTypes.instanceOf(type)).get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DomainException refused && refused.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw unavailable(what);
        } catch (TimeoutException e) {
            throw unavailable(what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(what);
        }
    }

    private static DomainException unavailable(String what) {
        return new DomainException(ErrorCode.SERVICE_UNAVAILABLE, what + " could not be read; nothing was stored, try again");
    }
}
