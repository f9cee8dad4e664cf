package vn.xhht.ledger.command.indicator;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue;

import java.util.Set;

/**
 * Indicator codes a command may name: those of the published catalogue, as its aggregate holds them (the catalogue is
 * data, published from {@code indicators/} as an event). A code it does not define is refused with
 * {@code 422 UNKNOWN_INDICATOR} rather than stored to be silently ignored by every indicator row.
 */
@Component
public class IndicatorCodes {

    private final Repository<IndicatorCatalogueAggregate> catalogues;

    public IndicatorCodes(Repository<IndicatorCatalogueAggregate> catalogues) {
        this.catalogues = catalogues;
    }

    /** The codes of the published catalogue (empty when none is published yet). */
    public Set<String> known() {
        try {
            return catalogues.load(IndicatorCatalogue.THE_CATALOGUE).invoke(IndicatorCatalogueAggregate::codes);
        } catch (AggregateNotFoundException e) {
            return Set.of();
        }
    }

    /** Refuses {@code code} unless it is one of {@code known}. */
    public static void requireKnown(String code, Field field, Set<String> known) {
        if (code != null && !known.contains(code)) {
            throw new DomainException(ErrorCode.UNKNOWN_INDICATOR, field, known.isEmpty()
                    ? "No indicator catalogue is published yet, so no indicator can be named"
                    : "Indicator " + code + " is not in the published indicator catalogue");
        }
    }
}
