package vn.xhht.ledger.command.plan;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.command.period.PeriodLedgers;
import vn.xhht.ledger.command.reporting.ReportingObligations;
import vn.xhht.ledger.command.unit.Hierarchy;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.common.Reasons;
import vn.xhht.ledger.domain.plan.Period;
import vn.xhht.ledger.domain.plan.PlanCommands.AmendPlanCommand;
import vn.xhht.ledger.domain.plan.PlanCommands.ClosePlanCommand;
import vn.xhht.ledger.domain.plan.PlanCommands.CreatePlanCommand;
import vn.xhht.ledger.domain.plan.PlanCommands.IssuePlanCommand;
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
 * period for the issuer's subtree) and reopened with a reason. It decides its own commands, with the named policies
 * it needs passed in: what it names exists ({@link PlanReferences}), its reporting obligations
 * ({@link ReportingObligations}), the period ledgers ({@link PeriodLedgers}). Every command answers the plan's new
 * version.
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

    /** Drafts a plan once what it names exists. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(CreatePlanCommand command, PlanReferences references) {
        references.requireUnit(command.issuerUnitId(), Field.of("issuerUnitId"));
        references.requireContent(command.targets(), command.tasks(), command.deadlines());
        apply(new PlanDraftedEvent(command.planId(), command.issuerUnitId(), command.number(), command.title(),
                                   command.issuedOn(), command.period(),
                                   command.basis() == null ? List.of() : List.copyOf(command.basis()),
                                   PlanContent.checkTargets(command.targets()),
                                   PlanContent.identifyTasks(command.planId(), List.of(), command.tasks(), Set.of()),
                                   PlanContent.identifyDeadlines(command.planId(), List.of(), command.deadlines(), Set.of())));
        return version;
    }

    /**
     * Issues the draft and opens its obligations in one commit. The units directly under the issuer on the plan's
     * issue date (from the hierarchy) report on every deadline that names no reporters.
     */
    @CommandHandler
    long handle(IssuePlanCommand command, Hierarchy hierarchy, ReportingObligations obligations) throws Exception {
        requireStatus(PlanStatus.DRAFT, "issue");
        apply(new PlanIssuedEvent(planId, issuerUnitId));
        // the units that report on deadlines naming none: those directly under the issuer on its issue date
        List<String> reporters = hierarchy.childrenOn(issuerUnitId, issuedOn).stream().map(Hierarchy.Child::id).toList();
        apply(new PlanReportersResolvedEvent(planId, issuerUnitId, issuedOn, reporters));
        obligations.open(obligations());
        return version;
    }

    /** Amends the plan once what it names exists; its obligations follow the amended deadlines in the same commit. */
    @CommandHandler
    long handle(AmendPlanCommand command, PlanReferences references, ReportingObligations obligations) throws Exception {
        references.requireContent(command.targets(), command.tasks(), command.deadlines());
        List<ObligationTerms> before = obligations();
        amend(command);
        obligations.amend(before, obligations(), command.reason());
        return version;
    }

    /**
     * Closing freezes the plan's period for the issuer's subtree: the issuer's period ledgers for every year of the
     * period and the fences on the admission shards of the provinces the issuer lay under that year are closed first —
     * so that the close's instant is later than every fact admitted before it — then the plan, with the cancellation of
     * its obligations still waiting for a report, all in one commit.
     */
    @CommandHandler
    long handle(ClosePlanCommand command, PeriodLedgers ledgers, Hierarchy hierarchy, ReportingObligations obligations)
            throws Exception {
        for (int year = period.from().getYear(); year <= period.to().getYear(); year++) {
            ledgers.close(issuerUnitId, year, hierarchy.provincesDuring(issuerUnitId, year), planId, command.reason());
        }
        close(command);
        obligations.close(obligations(), command.reason());
        return version;
    }

    /** Reopening thaws the ledgers the same way and asks for the plan's obligations again. */
    @CommandHandler
    long handle(ReopenPlanCommand command, PeriodLedgers ledgers, ReportingObligations obligations) throws Exception {
        reopen(command);
        for (int year = period.from().getYear(); year <= period.to().getYear(); year++) {
            ledgers.reopen(issuerUnitId, year, planId, command.reason());
        }
        obligations.reopen(obligations(), command.reason());
        return version;
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

    private long amend(AmendPlanCommand command) {
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

    private long close(ClosePlanCommand command) {
        String reason = Reasons.require(command.reason());
        if (status == PlanStatus.CLOSED) {
            throw new DomainException(ErrorCode.PLAN_ALREADY_CLOSED, "Plan " + planId + " is already closed");
        }
        requireStatus(PlanStatus.ISSUED, "close");
        apply(new PlanClosedEvent(planId, issuerUnitId, period, reason));
        return version;
    }

    private long reopen(ReopenPlanCommand command) {
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
