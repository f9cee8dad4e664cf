package vn.xhht.ledger.command.plan;

import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.reporting.ReportRules.ReportScope;

/** What a report on a plan may speak of — the plan's target indicators and its tasks — read from the plan itself. */
@Component
public class PlanReportScopes {

    private final Repository<PlanAggregate> plans;

    public PlanReportScopes(Repository<PlanAggregate> plans) {
        this.plans = plans;
    }

    public ReportScope scopeOf(String planId) {
        return plans.load(planId).invoke(PlanAggregate::reportScope);
    }
}
