package vn.xhht.ledger.command.plan;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.command.indicator.IndicatorCodes;
import vn.xhht.ledger.command.unit.UnitAggregate;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.plan.PlanContent.Deadline;
import vn.xhht.ledger.domain.plan.PlanContent.Target;
import vn.xhht.ledger.domain.plan.PlanContent.Task;

import java.util.List;
import java.util.Set;

/**
 * The policy "a plan names only what exists": its issuer, every task's lead and coordinating units and every
 * deadline's reporters (units of the hierarchy, from their aggregates) and every target's indicator (in the published
 * catalogue). A refusal names the field at fault.
 */
@Component
public class PlanReferences {

    private final Repository<UnitAggregate> units;
    private final IndicatorCodes indicators;

    public PlanReferences(Repository<UnitAggregate> units, IndicatorCodes indicators) {
        this.units = units;
        this.indicators = indicators;
    }

    /** The plan's content names known units and indicators. */
    public void requireContent(List<Target> targets, List<Task> tasks, List<Deadline> deadlines) {
        if (targets != null && !targets.isEmpty()) {
            Set<String> known = indicators.known();
            for (int i = 0; i < targets.size(); i++) {
                Target target = targets.get(i);
                IndicatorCodes.requireKnown(target == null ? null : target.indicator(), Field.of("targets").at(i).dot("indicator"),
                                            known);
            }
        }
        for (int i = 0; tasks != null && i < tasks.size(); i++) {
            Task task = tasks.get(i);
            if (task == null) {
                continue;
            }
            requireUnit(task.leadUnitId(), Field.of("tasks").at(i).dot("leadUnitId"));
            for (int j = 0; j < task.coordinatingUnitIds().size(); j++) {
                requireUnit(task.coordinatingUnitIds().get(j), Field.of("tasks").at(i).dot("coordinatingUnitIds").at(j));
            }
        }
        for (int i = 0; deadlines != null && i < deadlines.size(); i++) {
            Deadline deadline = deadlines.get(i);
            for (int j = 0; deadline != null && j < deadline.reporterUnitIds().size(); j++) {
                requireUnit(deadline.reporterUnitIds().get(j), Field.of("deadlines").at(i).dot("reporterUnitIds").at(j));
            }
        }
    }

    /** A unit the log knows (null: nothing named). */
    public void requireUnit(String unitId, Field field) {
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
