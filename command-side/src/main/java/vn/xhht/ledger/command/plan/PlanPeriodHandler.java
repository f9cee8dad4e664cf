package vn.xhht.ledger.command.plan;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.command.period.PeriodLedgers;
import vn.xhht.ledger.command.reporting.ReportingObligations;
import vn.xhht.ledger.command.unit.Hierarchy;
import vn.xhht.ledger.domain.plan.Period;
import vn.xhht.ledger.domain.plan.PlanCommands.ClosePlanCommand;
import vn.xhht.ledger.domain.plan.PlanCommands.ReopenPlanCommand;

/**
 * Closing a plan freezes its period for the issuer's subtree: the plan's close, the issuer's period ledgers for
 * every year of the period and the fences on the admission shards of the provinces the issuer lay under that year
 * are stored in one commit, with the cancellation of the plan's obligations still waiting for a report. Reopening
 * thaws the ledgers the same way and asks for those obligations again.
 *
 * <p>The ledgers are closed and the shards fenced before the plan's close event is made, so that the close's instant is
 * later than every fact admitted before it: a fact stored before the close is then always inside the figures read as
 * of the close.
 */
@Component
public class PlanPeriodHandler {

    private final Repository<PlanAggregate> plans;
    private final PeriodLedgers ledgers;
    private final Hierarchy hierarchy;
    private final ReportingObligations obligations;

    public PlanPeriodHandler(Repository<PlanAggregate> plans, PeriodLedgers ledgers, Hierarchy hierarchy,
                             ReportingObligations obligations) {
        this.plans = plans;
        this.ledgers = ledgers;
        this.hierarchy = hierarchy;
        this.obligations = obligations;
    }

    @CommandHandler
    public long handle(ClosePlanCommand command) throws Exception {
        Aggregate<PlanAggregate> plan = plans.load(command.planId(), command.expectedVersion());
        String issuer = plan.invoke(PlanAggregate::issuerUnitId);
        Period period = plan.invoke(PlanAggregate::period);
        for (int year = period.from().getYear(); year <= period.to().getYear(); year++) {
            ledgers.close(issuer, year, hierarchy.provincesDuring(issuer, year), command.planId(), command.reason());
        }
        long version = plan.invoke(p -> p.close(command));
        obligations.close(plan.invoke(PlanAggregate::obligations), command.reason());
        return version;
    }

    @CommandHandler
    public long handle(ReopenPlanCommand command) throws Exception {
        Aggregate<PlanAggregate> plan = plans.load(command.planId(), command.expectedVersion());
        long version = plan.invoke(p -> p.reopen(command));
        String issuer = plan.invoke(PlanAggregate::issuerUnitId);
        Period period = plan.invoke(PlanAggregate::period);
        for (int year = period.from().getYear(); year <= period.to().getYear(); year++) {
            ledgers.reopen(issuer, year, command.planId(), command.reason());
        }
        obligations.reopen(plan.invoke(PlanAggregate::obligations), command.reason());
        return version;
    }
}
