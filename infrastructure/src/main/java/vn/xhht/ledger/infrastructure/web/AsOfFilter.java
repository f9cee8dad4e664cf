package vn.xhht.ledger.infrastructure.web;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.ErrorCode;

import java.util.List;

/**
 * Record-time reads ({@code ?asOf=<instant>}) are served by the reads listed here: the indicator table, a unit and its
 * children, plans and assessments (one or a list), a recognition and a unit's recognitions, a baseline, a batch (one or
 * a unit's), a reported value, the frameworks and a framework version, a unit's history and the audit log (what had
 * been recorded by then). Elsewhere (the indicator catalogue, the log's verification and export, administration) they are not
 * served. Rather than answer
 * with today's knowledge to a client that asked for the past — the worst answer an auditor can get — such reads
 * (and commands, which have no past to ask about) are refused with {@code 400 AS_OF_NOT_SUPPORTED}.
 */
@Component
public class AsOfFilter implements WebFilter {

    /** The reads that answer as of a past instant. */
    private static final java.util.regex.Pattern SERVED = java.util.regex.Pattern.compile(
            "/api/v1/(indicators|units/[^/]+|units/[^/]+/children|units/[^/]+/recognitions|plans|plans/[^/]+"
                    + "|assessments|assessments/[^/]+|recognitions/(?!validity-review$)[^/]+|units/[^/]+/baselines/[^/]+"
                    + "|recognition-batches/[^/]+|units/[^/]+/recognition-batches|units/[^/]+/indicator-values|frameworks|frameworks/[^/]+/versions/[^/]+"
                    + "|units/[^/]+/history|units/[^/]+/closed-plans|audit/events"
                    + "|plans/[^/]+/obligations|plans/[^/]+/task-progress|units/[^/]+/obligations|obligations/[^/]+"
                    + "|reports/[^/]+|plans/[^/]+/annual-report|exports/indicators"
                    + "|units/[^/]+/pcgd-surveys/[^/]+|units/[^/]+/pcgd-levels)");

    private final Problems problems;

    public AsOfFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (path.startsWith("/api/v1/") && !SERVED.matcher(path).matches()
                && exchange.getRequest().getQueryParams().containsKey("asOf")) {
            try {
                Requests.instant(exchange.getRequest().getQueryParams().getFirst("asOf"), "asOf");
            } catch (RequestRefusedException e) {
                return problems.write(exchange, HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED, e.getMessage(),
                                      List.of(new Problems.FieldError("asOf", e.getMessage())));
            }
            return problems.write(exchange, Problems.statusOf(ErrorCode.AS_OF_NOT_SUPPORTED), ErrorCode.AS_OF_NOT_SUPPORTED,
                                  "This read does not answer as of a past instant (record time); ?on= (valid time) is available where the read shows state",
                                  List.of(new Problems.FieldError("asOf", "not supported yet")));
        }
        return chain.filter(exchange);
    }
}
