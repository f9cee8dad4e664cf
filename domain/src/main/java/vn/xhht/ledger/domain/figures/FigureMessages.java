package vn.xhht.ledger.domain.figures;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;

import java.time.LocalDate;

/** The facts indicators are computed from: recognition batches, baselines (denominators) and reported values. */
public final class FigureMessages {
    private FigureMessages() {
    }

    public static String baselineId(String unitId, int year) {
        return "baseline:" + unitId + ":" + year;
    }

    public static String reportedValueId(String unitId, String indicator, int year) {
        return "indicator-value:" + unitId + ":" + indicator + ":" + year;
    }

    /** Denominators of a unit for a year; a null field is not given (the children's values are summed instead). */
    public record Baseline(Long households, Long clans, Long villages, Long organisations, Long citizens,
                           Long workingAgePeople) {
    }

    // ------------------------------------------------------------------ recognition batches

    /** How many households, clans or citizens of a village or commune one decision recognized. */
    public record RecordRecognitionBatchCommand(@TargetAggregateIdentifier String batchId, String unitId, Title title, int year, long count,
                                                String decisionNumber, LocalDate decidedOn) {
    }

    public record RecognitionBatchRecordedEvent(String batchId, String unitId, Title title, int year, long count,
                                                String decisionNumber, LocalDate decidedOn, LocalDate validThrough) {
    }

    // ------------------------------------------------------------------ baselines

    public record SetBaselineCommand(@TargetAggregateIdentifier String baselineId, String unitId, int year,
                                     Baseline baseline) {
    }

    /** The unit's denominators for the year, replacing {@code previous} (null the first time). */
    public record BaselineSetEvent(String unitId, int year, Baseline baseline, Baseline previous) {
    }

    // ------------------------------------------------------------------ reported (survey-based) values

    public record ReportIndicatorValueCommand(@TargetAggregateIdentifier String valueId, String unitId, String indicator, int year,
                                              long numerator, long denominator, String source) {
    }

    public record IndicatorValueReportedEvent(String unitId, String indicator, int year, long numerator,
                                              long denominator, String source, Long previousNumerator,
                                              Long previousDenominator) {
    }

    // ------------------------------------------------------------------ reads (asOf: record time; null: now)

    public record FetchBaselineQuery(String unitId, int year, java.time.Instant asOf) {
        public FetchBaselineQuery(String unitId, int year) {
            this(unitId, year, null);
        }
    }

    public record BaselineView(String unitId, int year, Long households, Long clans, Long villages,
                               Long organisations, Long citizens, Long workingAgePeople, long version) {
    }

    public record FetchRecognitionBatchQuery(String batchId, java.time.Instant asOf) {
        public FetchRecognitionBatchQuery(String batchId) {
            this(batchId, null);
        }
    }

    /**
     * A unit's title batches recorded for {@code year} (every year when null), as they stood at {@code asOf} (null:
     * now); answered as a {@link RecognitionBatchList}, by decision date.
     */
    public record FetchRecognitionBatchesQuery(String unitId, Integer year, java.time.Instant asOf) {
    }

    public record RecognitionBatchList(String unitId, java.util.List<RecognitionBatchView> items) {
    }

    public record RecognitionBatchView(String id, String unitId, Title title, int year, long count,
                                       String decisionNumber, LocalDate decidedOn, LocalDate validThrough,
                                       long version) {
    }

    public record FetchReportedValueQuery(String unitId, String indicator, int year, java.time.Instant asOf) {
        public FetchReportedValueQuery(String unitId, String indicator, int year) {
            this(unitId, indicator, year, null);
        }
    }

    public record ReportedValueView(String unitId, String indicator, int year, long numerator, long denominator,
                                    String source, long version) {
    }
}
