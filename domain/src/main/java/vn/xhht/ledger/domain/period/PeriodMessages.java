package vn.xhht.ledger.domain.period;

import java.time.LocalDate;

/**
 * The period ledger of a unit and year: closed by the unit's plan, reopened by it. Facts dated in a year are
 * refused while a ledger of the fact's unit or of one of its ancestors is closed for that year.
 */
public final class PeriodMessages {
    private PeriodMessages() {
    }

    public static String ledgerId(String unitId, int year) {
        return "period:" + unitId + ":" + year;
    }

    public record PeriodClosedEvent(String unitId, int year, String planId, String reason) {
    }

    public record PeriodReopenedEvent(String unitId, int year, String planId, String reason) {
    }

    /** A fact dated in the year was accepted while the period was open (it counts in any later close). */
    public record PeriodFactCountedEvent(String unitId, int year, String factId, String factType,
                                         LocalDate effectiveOn) {
    }
}
