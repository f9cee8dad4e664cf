package vn.xhht.ledger.command.plan;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.command.unit.UnitAggregate;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.plan.PlanCommands.CreatePlanCommand;

/** Drafts a plan once its issuer is known to exist. Answers the new plan's version. */
@Component
public class PlanCreationHandler {

    private final Repository<PlanAggregate> plans;
    private final Repository<UnitAggregate> units;

    public PlanCreationHandler(Repository<PlanAggregate> plans, Repository<UnitAggregate> units) {
        this.plans = plans;
        this.units = units;
    }

    @CommandHandler
    public long handle(CreatePlanCommand command) throws Exception {
        try {
            units.load(command.issuerUnitId());
        } catch (AggregateNotFoundException e) {
            throw new DomainException(ErrorCode.UNKNOWN_UNIT, "issuerUnitId",
                                      "Unit " + command.issuerUnitId() + " does not exist");
        }
        return plans.newInstance(() -> new PlanAggregate(command.planId(), command.issuerUnitId(), command.number(),
                                                         command.title(), command.issuedOn(), command.period(),
                                                         command.basis(), command.targets(), command.tasks(),
                                                         command.deadlines()))
                    .version();
    }
}
