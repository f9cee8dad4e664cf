package vn.xhht.ledger.domain.plan;

import org.axonframework.serialization.Revision;
import vn.xhht.ledger.domain.plan.PlanContent.Deadline;
import vn.xhht.ledger.domain.plan.PlanContent.Target;
import vn.xhht.ledger.domain.plan.PlanContent.Task;

import java.time.LocalDate;
import java.util.List;

/** Events of a plan's life. Stored forever: never change a record's shape; add a revision and an upcaster. */
public final class PlanEvents {
    private PlanEvents() {
    }

    /** Revision of the events whose tasks and deadlines carry their ids (and deadlines their reporters). */
    public static final String CONTENT_REVISION = "2";

    @Revision(CONTENT_REVISION)
    public record PlanDraftedEvent(String planId, String issuerUnitId, String number, String title,
                                   LocalDate issuedOn, Period period, List<String> basis, List<Target> targets,
                                   List<Task> tasks, List<Deadline> deadlines) {
    }

    public record PlanIssuedEvent(String planId, String issuerUnitId) {
    }

    /** The plan's targets, tasks and deadlines after the amendment (all three, whichever changed). */
    @Revision(CONTENT_REVISION)
    public record PlanAmendedEvent(String planId, List<Target> targets, List<Task> tasks, List<Deadline> deadlines,
                                   String reason) {
    }

    /**
     * The units directly under the issuer on the day the plan was issued: they report on every deadline that names no
     * reporters of its own.
     */
    public record PlanReportersResolvedEvent(String planId, String issuerUnitId, LocalDate on, List<String> unitIds) {
    }

    /** Freezes {@code period} for the issuer's subtree. */
    public record PlanClosedEvent(String planId, String issuerUnitId, Period period, String reason) {
    }

    public record PlanReopenedEvent(String planId, String issuerUnitId, Period period, String reason) {
    }
}
