package vn.xhht.ledger.infrastructure.web;

import org.springframework.web.server.ServerWebExchange;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The request id that every command's events carry ({@code requestId} in their metadata), and the ids the server
 * makes for new resources, derived from it: a request retried under its {@code Idempotency-Key} after a crash runs
 * with the same request id, so it names the same plan, assessment, recognition or batch as the first attempt, and
 * the events that attempt stored can be recognised as its own.
 */
public final class RequestIds {

    private static final String ID = RequestIds.class.getName() + ".id";
    private static final String RECOVERING = RequestIds.class.getName() + ".recovering";

    private RequestIds() {
    }

    /** The request's id: given by {@link IdempotencyFilter} for a keyed request, else made on first use. */
    public static String of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ID);
        if (id == null) {
            id = UUID.randomUUID().toString();
            exchange.getAttributes().put(ID, id);
        }
        return id;
    }

    /** Runs the request as the one with {@code id}; {@code recovering}: that request may have stored its events. */
    static void assign(ServerWebExchange exchange, String id, boolean recovering) {
        exchange.getAttributes().put(ID, id);
        if (recovering) {
            exchange.getAttributes().put(RECOVERING, Boolean.TRUE);
        }
    }

    /** Whether an earlier attempt of this request may have stored its events before its answer was lost. */
    static boolean recovering(ServerWebExchange exchange) {
        return Boolean.TRUE.equals(exchange.getAttribute(RECOVERING));
    }

    /** The id of the resource this request creates (one per request): the same for every attempt of it. */
    public static String resourceId(ServerWebExchange exchange) {
        return UUID.nameUUIDFromBytes(("resource:" + of(exchange)).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
