package vn.xhht.ledger.infrastructure.web.input;

import vn.xhht.ledger.infrastructure.web.RequestRefusedException;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.ErrorCode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@link InputRules} for what a request carries outside its body: every query value is one line of well-formed
 * text; {@code on} is an ISO date and {@code asOf}, {@code from}, {@code to} instants, within the accepted range; a
 * parameter is given once. Each endpoint then reads its own parameters by their own syntax (ids, codes, cursors).
 * A refusal is handed to {@code ProblemExceptionHandler}, like every other.
 */
@Component
@Order(1)
public class QueryRulesFilter implements WebFilter {

    private static final List<String> DATES = List.of("on");
    private static final List<String> INSTANTS = List.of("asOf", "from", "to");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith("/api/v1/")) {
            return chain.filter(exchange);
        }
        if (exchange.getRequest().getPath().value().equals(MalformedUriGuard.MALFORMED_URI_PATH)) {
            return Mono.error(new RequestRefusedException(ErrorCode.MALFORMED_REQUEST, "uri",
                                                  "The request's URI is malformed (an invalid %-escape or character)"));
        }
        MultiValueMap<String, String> query;
        try {
            query = exchange.getRequest().getQueryParams();
        } catch (IllegalArgumentException malformed) { // a bad %-escape
            return Mono.error(new RequestRefusedException(ErrorCode.MALFORMED_REQUEST, "query", "The query string is malformed"));
        }
        try {
            check(query);
        } catch (RequestRefusedException refused) {
            return Mono.error(refused);
        }
        return chain.filter(exchange);
    }

    static void check(MultiValueMap<String, String> query) {
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            InputRules.text(name, InputRules.Lines.ONE, "query");
            if (parameter.getValue().size() > 1) {
                throw new RequestRefusedException(ErrorCode.VALIDATION_FAILED, name, name + " is given more than once");
            }
            String value = parameter.getValue().get(0);
            if (value == null) {
                continue;
            }
            InputRules.text(value, InputRules.Lines.ONE, name);
            if (DATES.contains(name)) {
                try {
                    InputRules.date(LocalDate.parse(value), name);
                } catch (DateTimeException e) {
                    throw new RequestRefusedException(ErrorCode.VALIDATION_FAILED, name, name + " is a date such as 2025-06-30");
                }
            } else if (INSTANTS.contains(name)) {
                try {
                    InputRules.instant(Instant.parse(value), name);
                } catch (DateTimeException e) {
                    throw new RequestRefusedException(ErrorCode.VALIDATION_FAILED, name,
                                              name + " is an instant in UTC such as 2023-12-31T10:00:00Z");
                }
            }
        }
    }
}
