package vn.xhht.ledger.domain.framework;

import vn.xhht.ledger.domain.framework.CriteriaFramework.Indicator;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Threshold;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * How a framework decides, as small named policies. Each takes the framework version and the indicator values
 * (points as numbers, all-met as booleans) and returns the result code.
 */
public final class Decisions {
    private Decisions() {
    }

    /** The result of an assessment under its framework: by points, or by levels all met. */
    public static String resultOf(CriteriaFramework framework, Map<String, Object> values) {
        return framework.decision() == CriteriaFramework.Decision.POINTS
                ? resultForPoints(framework.thresholds(), totalPoints(values))
                : highestLevelAllMet(framework.levels(), framework.indicators(), values);
    }

    /** Points: the sum of every indicator's points. */
    public static BigDecimal totalPoints(Map<String, Object> values) {
        BigDecimal total = BigDecimal.ZERO;
        for (Object value : values.values()) {
            if (value instanceof BigDecimal points) {
                total = total.add(points);
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
     * All met: the highest level such that every indicator of that level and of every level below it is met;
     * CHUA_DAT when even the first level is not.
     */
    public static String highestLevelAllMet(List<String> levels, List<Indicator> indicators, Map<String, Object> values) {
        String reached = CriteriaFramework.NOT_MET;
        for (String level : levels) {
            boolean allMet = indicators.stream()
                                       .filter(indicator -> indicator.levels().contains(level))
                                       .allMatch(indicator -> Boolean.TRUE.equals(values.get(indicator.code())));
            if (!allMet) {
                break;
            }
            reached = level;
        }
        return reached;
    }
}
