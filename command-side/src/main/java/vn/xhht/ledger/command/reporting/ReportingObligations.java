package vn.xhht.ledger.command.reporting;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationTerms;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Carries a plan's obligations along with the plan, in the plan command's unit of work (one commit): opens them when
 * the plan is issued, follows an amendment (opens the new, moves the changed, withdraws those no longer asked for),
 * cancels those still waiting when the plan is closed and asks for them again when it is reopened. Which obligations
 * a plan asks for is the plan's decision ({@code PlanAggregate}); what each may do is the obligation's.
 */
@Component
public class ReportingObligations {

    private final Repository<ObligationAggregate> obligations;
    private final DeadlineManager deadlines;
    private final ReminderPolicy reminders;

    public ReportingObligations(Repository<ObligationAggregate> obligations, DeadlineManager deadlines,
                                ReminderPolicy reminders) {
        this.obligations = obligations;
        this.deadlines = deadlines;
        this.reminders = reminders;
    }

    public void open(Collection<ObligationTerms> terms) throws Exception {
        for (ObligationTerms term : terms) {
            Optional<Aggregate<ObligationAggregate>> existing = find(term.obligationId());
            if (existing.isPresent()) {
                existing.get().execute(o -> o.amendTo(term, null, deadlines, reminders));
            } else {
                obligations.newInstance(() -> new ObligationAggregate(term))
                           .execute(o -> o.scheduleDeadlines(deadlines, reminders));
            }
        }
    }

    public void amend(List<ObligationTerms> before, List<ObligationTerms> after, String reason) throws Exception {
        Map<String, ObligationTerms> asked = byId(after);
        for (ObligationTerms term : before) {
            if (!asked.containsKey(term.obligationId())) {
                find(term.obligationId()).ifPresent(o -> o.execute(ob -> ob.withdraw(reason, deadlines)));
            }
        }
        Map<String, ObligationTerms> earlier = byId(before);
        for (ObligationTerms term : after) {
            ObligationTerms previous = earlier.get(term.obligationId());
            if (previous == null || !previous.equals(term)) {
                Optional<Aggregate<ObligationAggregate>> existing = find(term.obligationId());
                if (existing.isPresent()) {
                    existing.get().execute(o -> o.amendTo(term, reason, deadlines, reminders));
                } else {
                    obligations.newInstance(() -> new ObligationAggregate(term))
                               .execute(o -> o.scheduleDeadlines(deadlines, reminders));
                }
            }
        }
    }

    public void close(List<ObligationTerms> terms, String reason) {
        for (ObligationTerms term : terms) {
            find(term.obligationId()).ifPresent(o -> o.execute(ob -> ob.closeWithPlan(reason, deadlines)));
        }
    }

    public void reopen(List<ObligationTerms> terms, String reason) {
        for (ObligationTerms term : terms) {
            find(term.obligationId()).ifPresent(o -> o.execute(ob -> ob.reopenWithPlan(reason, deadlines, reminders)));
        }
    }

    private Optional<Aggregate<ObligationAggregate>> find(String obligationId) {
        try {
            return Optional.of(obligations.load(obligationId));
        } catch (AggregateNotFoundException e) {
            return Optional.empty(); // a plan issued before obligations were kept
        }
    }

    private static Map<String, ObligationTerms> byId(List<ObligationTerms> terms) {
        return terms.stream().collect(Collectors.toMap(ObligationTerms::obligationId, Function.identity(),
                                                       (a, b) -> a, LinkedHashMap::new));
    }
}
