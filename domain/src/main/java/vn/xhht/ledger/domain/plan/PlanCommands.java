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
     * Issues a draft. {@code issuerChildren} are the units directly under the issuer on the plan's issue date, as the
     * caller read them; the plan checks each against the hierarchy before they become its reporters.
     */
    public record IssuePlanCommand(@TargetAggregateIdentifier String planId, List<String> issuerChildren,
                                   @TargetAggregateVersion Long expectedVersion) {
        public IssuePlanCommand {
            issuerChildren = issuerChildren == null ? List.of() : List.copyOf(issuerChildren);
        }

        public IssuePlanCommand(String planId, Long expectedVersion) {
            this(planId, List.of(), expectedVersion);
        }
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
