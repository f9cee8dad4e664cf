package vn.xhht.ledger.domain.common;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The programme's time: one zone, Asia/Ho_Chi_Minh, for every date the service derives from an instant ("today", a
 * filing deadline's instant, the day a revocation takes effect). Instants stay in UTC; dates are Vietnamese days.
 */
public final class ProgrammeTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private ProgrammeTime() {
    }

    /** The day it is in Vietnam at {@code instant}. */
    public static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    /** Today in Vietnam by {@code clock}. */
    public static LocalDate today(Clock clock) {
        return dayOf(clock.instant());
    }

    /** The instant a Vietnamese day begins. */
    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }

    /** The instant a Vietnamese day ends (the next one begins): "by X" means before it. */
    public static Instant endOf(LocalDate day) {
        return startOf(day.plusDays(1));
    }
}
