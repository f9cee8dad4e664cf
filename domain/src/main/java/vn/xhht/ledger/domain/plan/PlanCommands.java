package vn.xhht.ledger.domain.plan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import vn.xhht.ledger.domain.plan.PlanContent.Deadline;
import vn.xhht.ledger.domain.plan.PlanContent.Target;
import vn.xhht.ledger.domain.plan.PlanContent.Task;

import java.time.LocalDate;
import java.util.List;

/** Commands on plans. */
public final class PlanCommands {
    private PlanCommands() {
    }

    public record CreatePlanCommand(@TargetAggregateIdentifier String planId, String issuerUnitId, String number, String title,
                                    LocalDate issuedOn, Period period, List<String> basis, List<Target> targets,
                                    List<Task> tasks, List<Deadline> deadlines) {
    }

    /**
     * Issues a draft; the units directly under the issuer on the plan's issue date report on every deadline that
     * names no reporters.
     */
    public record IssuePlanCommand(@TargetAggregateIdentifier String planId, @TargetAggregateVersion Long expectedVersion) {
    }

    /** Replaces whichever of targets, tasks and deadlines is given (null keeps the current list). */
    public record AmendPlanCommand(@TargetAggregateIdentifier String planId, List<Target> targets, List<Task> tasks,
                                   List<Deadline> deadlines, String reason,
                                   @TargetAggregateVersion Long expectedVersion) {
    }

    public record ClosePlanCommand(@TargetAggregateIdentifier String planId, String reason,
                                   @TargetAggregateVersion Long expectedVersion) {
    }

    public record ReopenPlanCommand(@TargetAggregateIdentifier String planId, String reason,
                                    @TargetAggregateVersion Long expectedVersion) {
    }
}
