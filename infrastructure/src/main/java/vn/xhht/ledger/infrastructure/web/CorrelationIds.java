package vn.xhht.ledger.infrastructure.web;

import org.springframework.web.server.ServerWebExchange;

import java.util.UUID;
import java.util.regex.Pattern;

/** The request's correlation id: the client's {@code X-Correlation-Id} when well-formed, else a new one. */
public final class CorrelationIds {

    public static final String HEADER = "X-Correlation-Id";
    private static final String ATTRIBUTE = CorrelationIds.class.getName();
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private CorrelationIds() {
    }

    public static String of(ServerWebExchange exchange) {
        String known = exchange.getAttribute(ATTRIBUTE);
        if (known != null) {
            return known;
        }
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(HEADER, id);
        return id;
    }
}
