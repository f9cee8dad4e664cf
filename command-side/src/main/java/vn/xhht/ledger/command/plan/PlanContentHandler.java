package vn.xhht.ledger.command.plan;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.command.indicator.IndicatorCodes;
import vn.xhht.ledger.command.reporting.ReportingObligations;
import vn.xhht.ledger.command.unit.Hierarchy;
import vn.xhht.ledger.command.unit.UnitAggregate;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.plan.PlanCommands.AmendPlanCommand;
import vn.xhht.ledger.domain.plan.PlanCommands.CreatePlanCommand;
import vn.xhht.ledger.domain.plan.PlanCommands.IssuePlanCommand;
import vn.xhht.ledger.domain.plan.PlanContent.Deadline;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationTerms;
import vn.xhht.ledger.domain.plan.PlanContent.Target;
import vn.xhht.ledger.domain.plan.PlanContent.Task;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Drafts and amends plans once what they name exists: the issuer, every task's lead and coordinating units (as units
 * of the hierarchy), every deadline's reporters and every target's indicator (in the published catalogue); issues
 * plans with their reporting obligations. Answers the plan's new version.
 */
@Component
public class PlanContentHandler {

    private final Repository<PlanAggregate> plans;
    private final Repository<UnitAggregate> units;
    private final IndicatorCodes indicators;
    private final Hierarchy hierarchy;
    private final ReportingObligations obligations;

    public PlanContentHandler(Repository<PlanAggregate> plans, Repository<UnitAggregate> units,
                              IndicatorCodes indicators, Hierarchy hierarchy, ReportingObligations obligations) {
        this.plans = plans;
        this.units = units;
        this.indicators = indicators;
        this.hierarchy = hierarchy;
        this.obligations = obligations;
    }

    @CommandHandler
    public long handle(CreatePlanCommand command) throws Exception {
        requireUnit(command.issuerUnitId(), "issuerUnitId");
        requireReferences(command.targets(), command.tasks());
        requireReporters(command.deadlines());
        return plans.newInstance(() -> new PlanAggregate(command.planId(), command.issuerUnitId(), command.number(),
                                                         command.title(), command.issuedOn(), command.period(),
                                                         command.basis(), command.targets(), command.tasks(),
                                                         command.deadlines()))
                    .version();
    }

    /**
     * Issues the plan and opens its obligations in one commit. The issuer's children come with the command (read by
     * the caller from the hierarchy view); each is checked here against the unit aggregates: it must lie directly
     * under the issuer on the plan's issue date.
     */
    @CommandHandler
    public long handle(IssuePlanCommand command) throws Exception {
        var plan = plans.load(command.planId(), command.expectedVersion());
        String issuer = plan.invoke(PlanAggregate::issuerUnitId);
        LocalDate on = plan.invoke(PlanAggregate::issuedOn);
        for (int i = 0; i < command.issuerChildren().size(); i++) {
            String child = command.issuerChildren().get(i);
            List<String> lineage = hierarchy.lineageOn(child, on, "issuerChildren[" + i + "]");
            if (lineage.size() < 2 || !lineage.get(1).equals(issuer)) {
                throw new DomainException(ErrorCode.INVALID_HIERARCHY, "issuerChildren[" + i + "]",
                                          "Unit " + child + " is not directly under " + issuer + " on " + on);
            }
        }
        obligations.open(plan.invoke(p -> p.issue(command.issuerChildren())));
        return plan.invoke(PlanAggregate::version);
    }

    /** Amends the plan; its obligations follow the amended deadlines in the same commit. */
    @CommandHandler
    public long handle(AmendPlanCommand command) throws Exception {
        var plan = plans.load(command.planId(), command.expectedVersion());
        requireReferences(command.targets(), command.tasks());
        requireReporters(command.deadlines());
        List<ObligationTerms> before = plan.invoke(PlanAggregate::obligations);
        long version = plan.invoke(p -> p.amend(command));
        obligations.amend(before, plan.invoke(PlanAggregate::obligations), command.reason());
        return version;
    }

    private void requireReporters(List<Deadline> deadlines) {
        for (int i = 0; deadlines != null && i < deadlines.size(); i++) {
            Deadline deadline = deadlines.get(i);
            for (int j = 0; deadline != null && j < deadline.reporterUnitIds().size(); j++) {
                requireUnit(deadline.reporterUnitIds().get(j), "deadlines[" + i + "].reporterUnitIds[" + j + "]");
            }
        }
    }

    private void requireReferences(List<Target> targets, List<Task> tasks) {
        if (targets != null && !targets.isEmpty()) {
            Set<String> known = indicators.known();
            for (int i = 0; i < targets.size(); i++) {
                Target target = targets.get(i);
                IndicatorCodes.requireKnown(target == null ? null : target.indicator(), "targets[" + i + "].indicator",
                                            known);
            }
        }
        for (int i = 0; tasks != null && i < tasks.size(); i++) {
            Task task = tasks.get(i);
            if (task == null) {
                continue;
            }
            requireUnit(task.leadUnitId(), "tasks[" + i + "].leadUnitId");
            for (int j = 0; j < task.coordinatingUnitIds().size(); j++) {
                requireUnit(task.coordinatingUnitIds().get(j), "tasks[" + i + "].coordinatingUnitIds[" + j + "]");
            }
        }
    }

    private void requireUnit(String unitId, String field) {
        if (unitId == null) {
            return;
        }
        try {
            units.load(unitId);
        } catch (AggregateNotFoundException e) {
            throw new DomainException(ErrorCode.UNKNOWN_UNIT, field, "Unit " + unitId + " does not exist");
        }
    }
}
