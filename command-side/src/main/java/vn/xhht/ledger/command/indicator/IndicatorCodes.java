package vn.xhht.ledger.command.indicator;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue.IndicatorDefinition;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.FetchIndicatorCatalogueQuery;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Indicator codes a command may name: those of the published catalogue, as the indicator view holds it (the
 * catalogue is data, published from {@code indicators/} as an event). A code it does not define is refused with
 * {@code 422 UNKNOWN_INDICATOR} rather than stored to be silently ignored by every indicator row.
 */
@Component
public class IndicatorCodes {

    private final QueryGateway queries;
    private final Duration wait;

    public IndicatorCodes(QueryGateway queries, @Value("${xhht.commands.timeout:PT30S}") Duration wait) {
        this.queries = queries;
        this.wait = wait;
    }

    /** The codes of the published catalogue (empty when none is published yet). */
    public Set<String> known() {
        try {
            IndicatorCatalogue catalogue = queries.query(new FetchIndicatorCatalogueQuery(),
                                                         ResponseTypes.instanceOf(IndicatorCatalogue.class))
                                                  .get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return catalogue.indicators().stream().map(IndicatorDefinition::code).collect(Collectors.toSet());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DomainException refused && refused.code() == ErrorCode.NOT_FOUND) {
                return Set.of();
            }
            throw unavailable();
        } catch (TimeoutException e) {
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    /** Refuses {@code code} unless it is one of {@code known}. */
    public static void requireKnown(String code, String field, Set<String> known) {
        if (code != null && !known.contains(code)) {
            throw new DomainException(ErrorCode.UNKNOWN_INDICATOR, field, known.isEmpty()
                    ? "No indicator catalogue is published yet, so no indicator can be named"
                    : "Indicator " + code + " is not in the published indicator catalogue");
        }
    }

    private static DomainException unavailable() {
        return new DomainException(ErrorCode.SERVICE_UNAVAILABLE,
                                   "The indicator catalogue could not be read; nothing was stored, try again");
    }
}
