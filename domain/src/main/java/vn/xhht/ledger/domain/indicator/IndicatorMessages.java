package vn.xhht.ledger.domain.indicator;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue.Names;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The indicator catalogue's commands and events, and the indicator views. */
public final class IndicatorMessages {
    private IndicatorMessages() {
    }

    /** Publish a catalogue document; the same content ({@code contentHash}) is never published twice. */
    public record PublishIndicatorCatalogueCommand(@TargetAggregateIdentifier String code, IndicatorCatalogue catalogue,
                                                   String contentHash, String source) {
    }

    /** Revision 2: a title-holders quantity may name a {@code level} (absent before; read as none). */
    public static final String PUBLISHED_REVISION = "2";

    @org.axonframework.serialization.Revision(PUBLISHED_REVISION)
    public record IndicatorCataloguePublishedEvent(String code, int version, IndicatorCatalogue catalogue,
                                                   String contentHash, String source) {
    }

    public record FetchIndicatorCatalogueQuery() {
    }

    /**
     * The indicators of a unit for a year, rolled up over its subtree as the hierarchy stood at the year's end.
     * {@code asOf} null: as now; otherwise as the service knew them at that instant (record time).
     */
    public record FetchIndicatorsQuery(String unitId, int year, Instant asOf) {
    }

    public enum Status { MET, NOT_MET, NO_DATA }

    /**
     * One indicator of a unit and year. {@code value} is numerator / denominator (null when the denominator is 0);
     * {@code targetSetBy} is the unit whose plan set the target; {@code asOf} is when the figures last changed.
     */
    public record IndicatorRow(String indicator, Names name, BigDecimal target, String targetPlanId,
                               String targetSetBy, long numerator, long denominator, BigDecimal value, Status status,
                               Instant asOf) {
    }

    public record IndicatorTable(String unitId, int year, Instant asOf, List<IndicatorRow> items) {
    }
}
