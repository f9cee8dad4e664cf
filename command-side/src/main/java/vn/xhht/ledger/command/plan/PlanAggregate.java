package vn.xhht.ledger.command.plan;

import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Reasons;
import vn.xhht.ledger.domain.plan.Period;
import vn.xhht.ledger.domain.plan.PlanCommands.AmendPlanCommand;
import vn.xhht.ledger.domain.plan.PlanCommands.ClosePlanCommand;
import vn.xhht.ledger.domain.plan.PlanCommands.ReopenPlanCommand;
import vn.xhht.ledger.domain.plan.PlanContent;
import vn.xhht.ledger.domain.plan.PlanContent.Deadline;
import vn.xhht.ledger.domain.plan.PlanContent.Target;
import vn.xhht.ledger.domain.plan.PlanContent.Task;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanAmendedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanClosedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanDraftedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanIssuedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanReopenedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanReportersResolvedEvent;
import vn.xhht.ledger.domain.plan.PlanStatus;
import vn.xhht.ledger.domain.reporting.Obligations;
import vn.xhht.ledger.domain.reporting.ReportRules.ReportScope;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationTerms;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An annual (or phase) plan: drafted, issued, amended with a reason, closed with a reason (which freezes its
 * period for the issuer's subtree) and reopened with a reason. Every command answers the plan's new version.
 */
@Aggregate(snapshotTriggerDefinition = "")
public class PlanAggregate {

    @AggregateIdentifier
    private String planId;
    private String issuerUnitId;
    private Period period;
    private PlanStatus status;
    private List<Target> targets;
    private List<Task> tasks;
    private List<Deadline> deadlines;
    private LocalDate issuedOn;
    /** Every task and deadline id the plan has given (an id once given is never given to another). */
    private final Set<String> usedIds = new HashSet<>();
    private List<String> reporters = List.of();
    private long version;

    protected PlanAggregate() {
        // for Axon
    }

    PlanAggregate(String planId, String issuerUnitId, String number, String title, LocalDate issuedOn,
                  Period period, List<String> basis, List<Target> targets, List<Task> tasks,
                  List<Deadline> deadlines) {
        apply(new PlanDraftedEvent(planId, issuerUnitId, number, title, issuedOn, period,
                                   basis == null ? List.of() : List.copyOf(basis), PlanContent.checkTargets(targets),
                                   PlanContent.identifyTasks(planId, List.of(), tasks, Set.of()),
                                   PlanContent.identifyDeadlines(planId, List.of(), deadlines, Set.of())));
    }

    /**
     * Issues the draft; {@code issuerChildren} (checked against the hierarchy by the caller) report on every deadline
     * that names no reporters. Answers the obligations the issued plan asks for.
     */
    List<ObligationTerms> issue(List<String> issuerChildren) {
        requireStatus(PlanStatus.DRAFT, "issue");
        apply(new PlanIssuedEvent(planId, issuerUnitId));
        apply(new PlanReportersResolvedEvent(planId, issuerUnitId, issuedOn, List.copyOf(issuerChildren)));
        return obligations();
    }

    /** The obligations the plan asks for as it stands: none while a draft (Obligations' policy). */
    List<ObligationTerms> obligations() {
        return status == PlanStatus.DRAFT ? List.of()
                : Obligations.of(planId, issuerUnitId, period, deadlines, reporters);
    }

    /** What a report on this plan may speak of. */
    ReportScope reportScope() {
        Set<String> indicators = new LinkedHashSet<>();
        targets.forEach(target -> indicators.add(target.indicator()));
        Set<String> taskIds = new LinkedHashSet<>();
        tasks.forEach(task -> taskIds.add(task.taskId()));
        return new ReportScope(indicators, taskIds);
    }

    LocalDate issuedOn() {
        return issuedOn;
    }

    long version() {
        return version;
    }

    /** Amending is handled by {@link PlanContentHandler}, which first checks the units and indicators named. */
    long amend(AmendPlanCommand command) {
        String reason = Reasons.require(command.reason());
        if (status == PlanStatus.CLOSED) {
            throw new DomainException(ErrorCode.PERIOD_CLOSED,
                                      "Plan " + planId + " is closed; reopen it before amending");
        }
        apply(new PlanAmendedEvent(planId,
                                   command.targets() == null ? targets : PlanContent.checkTargets(command.targets()),
                                   command.tasks() == null ? tasks
                                           : PlanContent.identifyTasks(planId, tasks, command.tasks(), usedIds),
                                   command.deadlines() == null ? deadlines
                                           : PlanContent.identifyDeadlines(planId, deadlines, command.deadlines(), usedIds),
                                   reason));
        return version;
    }

    /** Closing is handled by {@link PlanPeriodHandler}, which also closes the issuer's period ledgers. */
    long close(ClosePlanCommand command) {
        String reason = Reasons.require(command.reason());
        if (status == PlanStatus.CLOSED) {
            throw new DomainException(ErrorCode.PLAN_ALREADY_CLOSED, "Plan " + planId + " is already closed");
        }
        requireStatus(PlanStatus.ISSUED, "close");
        apply(new PlanClosedEvent(planId, issuerUnitId, period, reason));
        return version;
    }

    long reopen(ReopenPlanCommand command) {
        String reason = Reasons.require(command.reason());
        requireStatus(PlanStatus.CLOSED, "reopen");
        apply(new PlanReopenedEvent(planId, issuerUnitId, period, reason));
        return version;
    }

    String issuerUnitId() {
        return issuerUnitId;
    }

    Period period() {
        return period;
    }

    private void requireStatus(PlanStatus required, String action) {
        if (status != required) {
            throw new DomainException(ErrorCode.INVALID_TRANSITION,
                                      "Cannot " + action + " plan " + planId + " while it is " + status);
        }
    }

    @EventSourcingHandler
    void on(PlanDraftedEvent event, @SequenceNumber long sequence) {
        planId = event.planId();
        issuerUnitId = event.issuerUnitId();
        period = event.period();
        targets = event.targets();
        tasks = event.tasks();
        deadlines = event.deadlines();
        issuedOn = event.issuedOn();
        remember(tasks, deadlines);
        status = PlanStatus.DRAFT;
        version = sequence;
    }

    @EventSourcingHandler
    void on(PlanIssuedEvent event, @SequenceNumber long sequence) {
        status = PlanStatus.ISSUED;
        version = sequence;
    }

    @EventSourcingHandler
    void on(PlanAmendedEvent event, @SequenceNumber long sequence) {
        targets = event.targets();
        tasks = event.tasks();
        deadlines = event.deadlines();
        remember(tasks, deadlines);
        version = sequence;
    }

    @EventSourcingHandler
    void on(PlanReportersResolvedEvent event, @SequenceNumber long sequence) {
        reporters = event.unitIds();
        version = sequence;
    }

    private void remember(List<Task> tasks, List<Deadline> deadlines) {
        tasks.forEach(task -> usedIds.add(task.taskId()));
        deadlines.forEach(deadline -> usedIds.add(deadline.deadlineId()));
    }

    @EventSourcingHandler
    void on(PlanClosedEvent event, @SequenceNumber long sequence) {
        status = PlanStatus.CLOSED;
        version = sequence;
    }

    @EventSourcingHandler
    void on(PlanReopenedEvent event, @SequenceNumber long sequence) {
        status = PlanStatus.ISSUED;
        version = sequence;
    }
}
