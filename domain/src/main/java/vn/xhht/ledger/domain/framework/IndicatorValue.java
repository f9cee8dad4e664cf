package vn.xhht.ledger.domain.framework;

import java.math.BigDecimal;

/**
 * One indicator's value in an assessment, of the indicator's kind: {@code points}, {@code met},
 * {@code numerator}/{@code denominator}, or {@code count}. The other parts are null.
 */
public record IndicatorValue(BigDecimal points, Boolean met, BigDecimal numerator, BigDecimal denominator,
                             BigDecimal count) {

    public static IndicatorValue ofPoints(BigDecimal points) {
        return new IndicatorValue(points, null, null, null, null);
    }

    public static IndicatorValue ofMet(boolean met) {
        return new IndicatorValue(null, met, null, null, null);
    }

    public static IndicatorValue ofRatio(BigDecimal numerator, BigDecimal denominator) {
        return new IndicatorValue(null, null, numerator, denominator, null);
    }

    public static IndicatorValue ofCount(BigDecimal count) {
        return new IndicatorValue(null, null, null, null, count);
    }

    public boolean isEmpty() {
        return points == null && met == null && numerator == null && denominator == null && count == null;
    }

    /** The value as it is shown — points, met or not, a count, or a ratio — or null when there is none. */
    public Shown shown() {
        if (points != null) {
            return new Points(points);
        }
        if (met != null) {
            return new Met(met);
        }
        if (count != null) {
            return new Count(count);
        }
        if (numerator != null || denominator != null) {
            return new Ratio(numerator, denominator);
        }
        return null;
    }

    /**
     * A value of one kind, as an assessment shows it. The API writes the first three as the bare number or boolean
     * and a ratio as {@code {numerator, denominator}}.
     */
    public sealed interface Shown permits Points, Met, Count, Ratio {
    }

    public record Points(BigDecimal points) implements Shown {
    }

    public record Met(boolean met) implements Shown {
    }

    public record Count(BigDecimal count) implements Shown {
    }

    public record Ratio(BigDecimal numerator, BigDecimal denominator) implements Shown {
    }
}
