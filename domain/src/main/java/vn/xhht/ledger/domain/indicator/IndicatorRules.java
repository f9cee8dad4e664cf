package vn.xhht.ledger.domain.indicator;

import vn.xhht.ledger.domain.indicator.IndicatorMessages.Status;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How an indicator's value and status follow from its figures (DOMAIN.md §8). */
public final class IndicatorRules {

    /** Shares are shown to four decimals (0.6125 is 61.25%); the status is decided on the exact ratio. */
    public static final int SCALE = 4;

    private IndicatorRules() {
    }

    /** numerator / denominator, or null when the denominator is zero (unknown). */
    public static BigDecimal value(long numerator, long denominator) {
        if (denominator <= 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), SCALE, RoundingMode.HALF_UP);
    }

    /**
     * {@code MET} when numerator / denominator reaches the target exactly (no rounding helps), {@code NOT_MET}
     * below it, {@code NO_DATA} when there is no denominator or no target to compare with.
     */
    public static Status status(long numerator, long denominator, BigDecimal target) {
        if (denominator <= 0 || target == null) {
            return Status.NO_DATA;
        }
        BigDecimal needed = target.multiply(BigDecimal.valueOf(denominator));
        return BigDecimal.valueOf(numerator).compareTo(needed) >= 0 ? Status.MET : Status.NOT_MET;
    }
}
