package vn.xhht.ledger.command.plan;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.command.indicator.IndicatorCodes;
import vn.xhht.ledger.command.unit.UnitAggregate;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.plan.PlanCommands.AmendPlanCommand;
import vn.xhht.ledger.domain.plan.PlanCommands.CreatePlanCommand;
import vn.xhht.ledger.domain.plan.PlanContent.Target;
import vn.xhht.ledger.domain.plan.PlanContent.Task;

import java.util.List;
import java.util.Set;

/**
 * Drafts and amends plans once what they name exists: the issuer, every task's lead and coordinating units (as units
 * of the hierarchy) and every target's indicator (in the published catalogue). Answers the plan's new version.
 */
@Component
public class PlanContentHandler {

    private final Repository<PlanAggregate> plans;
    private final Repository<UnitAggregate> units;
    private final IndicatorCodes indicators;

    public PlanContentHandler(Repository<PlanAggregate> plans, Repository<UnitAggregate> units,
                              IndicatorCodes indicators) {
        this.plans = plans;
        this.units = units;
        this.indicators = indicators;
    }

    @CommandHandler
    public long handle(CreatePlanCommand command) throws Exception {
        requireUnit(command.issuerUnitId(), "issuerUnitId");
        requireReferences(command.targets(), command.tasks());
        return plans.newInstance(() -> new PlanAggregate(command.planId(), command.issuerUnitId(), command.number(),
                                                         command.title(), command.issuedOn(), command.period(),
                                                         command.basis(), command.targets(), command.tasks(),
                                                         command.deadlines()))
                    .version();
    }

    @CommandHandler
    public long handle(AmendPlanCommand command) {
        var plan = plans.load(command.planId(), command.expectedVersion());
        requireReferences(command.targets(), command.tasks());
        return plan.invoke(p -> p.amend(command));
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
