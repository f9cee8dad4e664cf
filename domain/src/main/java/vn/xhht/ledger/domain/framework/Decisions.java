package vn.xhht.ledger.domain.framework;

import vn.xhht.ledger.domain.framework.CriteriaFramework.Decision;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Indicator;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Threshold;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * How a framework decides, as small named policies. Each takes the framework version and the indicator values and
 * returns the result code.
 */
public final class Decisions {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Decisions() {
    }

    /** The result of an assessment under its framework: by points, or by the highest level whose targets hold. */
    public static String resultOf(CriteriaFramework framework, Map<String, IndicatorValue> values) {
        return framework.decision() == Decision.POINTS
                ? resultForPoints(framework.thresholds(), totalPoints(values))
                : highestLevelReached(framework, values);
    }

    /** Points: the sum of every indicator's points. */
    public static BigDecimal totalPoints(Map<String, IndicatorValue> values) {
        BigDecimal total = BigDecimal.ZERO;
        for (IndicatorValue value : values.values()) {
            if (value != null && value.points() != null) {
                total = total.add(value.points());
            }
        }
        return total;
    }

    /** Points: the first threshold (highest first) whose minimum the total reaches, else CHUA_DAT. */
    public static String resultForPoints(List<Threshold> thresholds, BigDecimal total) {
        for (Threshold threshold : thresholds) {
            if (total.compareTo(threshold.minPoints()) >= 0) {
                return threshold.result();
            }
        }
        return CriteriaFramework.NOT_MET;
    }

    /**
     * All met: the highest level such that every indicator meets that level's target and every lower level's;
     * CHUA_DAT when even the first level is not reached.
     */
    public static String highestLevelReached(CriteriaFramework framework, Map<String, IndicatorValue> values) {
        String reached = CriteriaFramework.NOT_MET;
        for (String level : framework.levels()) {
            boolean allMet = framework.indicators().stream()
                                      .filter(indicator -> indicator.hasTargetAt(level, framework.decision()))
                                      .allMatch(indicator -> meetsTarget(framework, indicator, level,
                                                                         values.get(indicator.code())));
            if (!allMet) {
                break;
            }
            reached = level;
        }
        return reached;
    }

    /**
     * Whether a value meets an indicator's target at a level. A condition must be met; a ratio compares exactly,
     * {@code numerator × 100 ≥ min × denominator}, no rounding, and a zero or missing denominator is no data, so not
     * met; a count must reach its minimum.
     */
    public static boolean meetsTarget(CriteriaFramework framework, Indicator indicator, String level,
                                      IndicatorValue value) {
        if (value == null) {
            return false;
        }
        return switch (framework.kindOf(indicator)) {
            case CONDITION, PREREQUISITE -> Boolean.TRUE.equals(value.met());
            case RATIO -> value.numerator() != null && value.denominator() != null && value.denominator().signum() > 0
                    && value.numerator().multiply(HUNDRED).compareTo(indicator.min().get(level).multiply(value.denominator())) >= 0;
            case COUNT -> value.count() != null && value.count().compareTo(indicator.min().get(level)) >= 0;
            case POINTS -> false;
        };
    }
}
