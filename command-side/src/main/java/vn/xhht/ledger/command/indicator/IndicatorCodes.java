package vn.xhht.ledger.command.indicator;

import org.springframework.stereotype.Component;
import vn.xhht.ledger.command.support.ViewLookup;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue.IndicatorDefinition;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.FetchIndicatorCatalogueQuery;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Indicator codes a command may name: those of the published catalogue, as the indicator view holds it (the
 * catalogue is data, published from {@code indicators/} as an event). A code it does not define is refused with
 * {@code 422 UNKNOWN_INDICATOR} rather than stored to be silently ignored by every indicator row.
 */
@Component
public class IndicatorCodes {

    private final ViewLookup views;

    public IndicatorCodes(ViewLookup views) {
        this.views = views;
    }

    /** The codes of the published catalogue (empty when none is published yet). */
    public Set<String> known() {
        return views.ask(new FetchIndicatorCatalogueQuery(), IndicatorCatalogue.class, "The indicator catalogue")
                    .map(catalogue -> catalogue.indicators().stream().map(IndicatorDefinition::code)
                                               .collect(Collectors.toSet()))
                    .orElse(Set.of());
    }

    /** Refuses {@code code} unless it is one of {@code known}. */
    public static void requireKnown(String code, String field, Set<String> known) {
        if (code != null && !known.contains(code)) {
            throw new DomainException(ErrorCode.UNKNOWN_INDICATOR, field, known.isEmpty()
                    ? "No indicator catalogue is published yet, so no indicator can be named"
                    : "Indicator " + code + " is not in the published indicator catalogue");
        }
    }
}
