package vn.xhht.ledger.domain.framework;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * The value as the API shows it: the points, {@code true}/{@code false}, the count, or
     * {@code {numerator, denominator}} for a ratio; null when there is none.
     */
    public Object shown() {
        if (points != null) {
            return points;
        }
        if (met != null) {
            return met;
        }
        if (count != null) {
            return count;
        }
        if (numerator != null || denominator != null) {
            Map<String, BigDecimal> ratio = new LinkedHashMap<>();
            ratio.put("numerator", numerator);
            ratio.put("denominator", denominator);
            return ratio;
        }
        return null;
    }
}
