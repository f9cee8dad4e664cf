package vn.xhht.ledger.domain.plan;

import vn.xhht.ledger.domain.plan.PlanContent.Deadline;
import vn.xhht.ledger.domain.plan.PlanContent.Target;
import vn.xhht.ledger.domain.plan.PlanContent.Task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Queries on plans and what they answer. */
public final class PlanQueries {
    private PlanQueries() {
    }

    /** A plan as it stands, or as the service knew it at {@code asOf} (record time; null: now). */
    public record FetchPlanQuery(String planId, Instant asOf) {
        public FetchPlanQuery(String planId) {
            this(planId, null);
        }
    }

    /**
     * Plans issued by {@code unitId} (any unit when null) whose period touches {@code year} (any when null) and, when
     * {@code on} is given, covers that date (the plans in force then), as they stand or as the service knew them at
     * {@code asOf}.
     */
    public record FetchPlansQuery(String unitId, Integer year, LocalDate on, int limit, String cursor, Instant asOf) {
        public FetchPlansQuery(String unitId, Integer year, int limit, String cursor) {
            this(unitId, year, null, limit, cursor, null);
        }
    }

    public record StatusChange(String actor, Instant at, String reason) {
    }

    /**
     * One close of a plan: {@code closedAt} is the instant whose figures the close froze (read them with
     * {@code GET /indicators?asOf=<closedAt>}); the reopen fields are set once it was reopened.
     */
    public record Closure(Instant closedAt, String closedBy, String reason, Instant reopenedAt, String reopenedBy,
                          String reopenReason) {
    }

    public record PlanView(String id, String issuerUnitId, String number, String title, LocalDate issuedOn,
                           Period period, List<String> basis, PlanStatus status, List<Target> targets,
                           List<Task> tasks, List<Deadline> deadlines, long version, StatusChange lastStatusChange,
                           List<Closure> closes) {
        public PlanView {
            closes = closes == null ? List.of() : List.copyOf(closes);
        }
    }

    /**
     * The closed plans whose period freezes a unit's figures for a year: those issued by the unit or by one of its
     * ancestors as the hierarchy stood at the year's end, closed (as they stand, or as they stood at {@code asOf}).
     */
    public record ClosedPlansView(String unitId, int year, java.util.List<PlanView> items) {
    }
}
