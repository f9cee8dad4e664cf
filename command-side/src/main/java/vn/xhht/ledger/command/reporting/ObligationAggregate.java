package vn.xhht.ledger.command.reporting;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.command.plan.PlanReportScopes;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.ProgrammeTime;
import vn.xhht.ledger.domain.common.Reasons;
import vn.xhht.ledger.domain.plan.PlanContent.DeadlineKind;
import vn.xhht.ledger.domain.reporting.Obligations;
import vn.xhht.ledger.domain.reporting.ReportRules;
import vn.xhht.ledger.domain.reporting.ReportingMessages.AcceptReportCommand;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationCancelledEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationDue;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationOpenedEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationOverdueEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationReminderSentEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationReopenedEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationRescheduledEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationStatus;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationTerms;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReminderDue;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReportAcceptedEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReportReturnedEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReportSubmittedEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReturnReportCommand;
import vn.xhht.ledger.domain.reporting.ReportingMessages.SubmitReportCommand;
import vn.xhht.ledger.domain.reporting.ReportingMessages.Timeliness;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One unit's obligation to report on one of a plan's deadlines. It is opened when the plan is issued (or an
 * amendment adds it), reminds the unit before its due date and marks itself overdue at the due date if nothing was
 * submitted — both Axon deadlines. The unit submits a report; the issuer accepts it or returns it with a reason, and
 * the unit submits again. The first submission decides on time or late ("trước ngày X": by the end of X in
 * Vietnam); returns are counted, not re-timed. Amending the plan reschedules or cancels it; closing the plan cancels
 * it while open, and reopening the plan asks for it again.
 */
@Aggregate(snapshotTriggerDefinition = "")
public class ObligationAggregate {

    static final String REMINDER = "obligation-reminder";
    static final String DUE = "obligation-due";

    @AggregateIdentifier
    private String obligationId;
    private String planId;
    private String unitId;
    private String what;
    private DeadlineKind kind;
    private LocalDate due;
    private Instant dueAt;
    private ObligationStatus status;
    private ObligationStatus statusBeforeClose;
    private Timeliness timeliness;
    private String currentReportId;
    private int submissions;
    private Long lastReminderDaysLeft;
    private long version;

    protected ObligationAggregate() {
        // for Axon
    }

    ObligationAggregate(ObligationTerms terms) {
        apply(new ObligationOpenedEvent(terms.obligationId(), terms.planId(), terms.issuerUnitId(), terms.deadlineId(),
                                        terms.what(), terms.kind(), terms.due(), terms.dueAt(), terms.unitId()));
    }

    /**
     * Arms the reminders ({@code reminders.daysBefore()} the due date, at the start of that day; one whose day has
     * already come while the report is not yet due is sent at once) and the due date's overdue mark.
     */
    void scheduleDeadlines(DeadlineManager deadlines, ReminderPolicy reminders) {
        deadlines.cancelAllWithinScope(REMINDER);
        deadlines.cancelAllWithinScope(DUE);
        if (!awaitingReport()) {
            return;
        }
        Instant now = now();
        boolean oneIsPast = false;
        for (int days : reminders.daysBefore()) {
            Instant at = ProgrammeTime.startOf(due.minusDays(days));
            if (at.isAfter(now)) {
                deadlines.schedule(at, REMINDER, new ReminderDue(obligationId));
            } else {
                oneIsPast = true;
            }
        }
        if (oneIsPast && now.isBefore(dueAt)) {
            deadlines.schedule(now, REMINDER, new ReminderDue(obligationId));
        }
        if (timeliness == null) {
            deadlines.schedule(dueAt, DUE, new ObligationDue(obligationId));
        }
    }

    /** Makes the obligation what the amended plan asks: asked again if it had been cancelled, moved if its date moved. */
    void amendTo(ObligationTerms terms, String reason, DeadlineManager deadlines, ReminderPolicy reminders) {
        boolean moved = !terms.due().equals(due);
        if (status == ObligationStatus.CANCELLED && statusBeforeClose == null) {
            apply(new ObligationReopenedEvent(obligationId, reason));
        }
        if (moved || !Objects.equals(terms.what(), what) || terms.kind() != kind) {
            apply(new ObligationRescheduledEvent(obligationId, terms.what(), terms.kind(), terms.due(), terms.dueAt(),
                                                 reason));
        }
        if (moved) {
            scheduleDeadlines(deadlines, reminders);
        }
    }

    /** The deadline or the reporter left the plan: nothing more is asked, unless a report was already accepted. */
    void withdraw(String reason, DeadlineManager deadlines) {
        if (status != ObligationStatus.CANCELLED && status != ObligationStatus.ACCEPTED) {
            apply(new ObligationCancelledEvent(obligationId, reason, false));
            cancelDeadlines(deadlines);
        }
    }

    /** The plan was closed: an obligation still waiting for a report is cancelled. */
    void closeWithPlan(String reason, DeadlineManager deadlines) {
        if (awaitingReport()) {
            apply(new ObligationCancelledEvent(obligationId, reason, true));
            cancelDeadlines(deadlines);
        }
    }

    /** The plan was reopened: an obligation its close cancelled is asked again. */
    void reopenWithPlan(String reason, DeadlineManager deadlines, ReminderPolicy reminders) {
        if (status == ObligationStatus.CANCELLED && statusBeforeClose != null) {
            apply(new ObligationReopenedEvent(obligationId, reason));
            scheduleDeadlines(deadlines, reminders);
        }
    }

    @CommandHandler
    long handle(SubmitReportCommand command, PlanReportScopes scopes, DeadlineManager deadlines) {
        if (!awaitingReport()) {
            throw new DomainException(ErrorCode.INVALID_TRANSITION, "Obligation " + obligationId + " is " + status
                    + (status == ObligationStatus.SUBMITTED ? ": its report awaits the issuer's decision" : ""));
        }
        ReportRules.check(command.content(), scopes.scopeOf(planId));
        Timeliness after = timeliness == null || timeliness == Timeliness.OVERDUE
                ? (now().isBefore(dueAt) ? Timeliness.ON_TIME : Timeliness.LATE) : timeliness;
        apply(new ReportSubmittedEvent(obligationId, command.reportId(), planId, unitId, command.content(),
                                       submissions + 1, after));
        cancelDeadlines(deadlines);
        return version;
    }

    @CommandHandler
    long handle(AcceptReportCommand command) {
        requireCurrentSubmitted(command.reportId(), "accept");
        apply(new ReportAcceptedEvent(obligationId, command.reportId()));
        return version;
    }

    @CommandHandler
    long handle(ReturnReportCommand command) {
        String reason = Reasons.require(command.reason());
        requireCurrentSubmitted(command.reportId(), "return");
        apply(new ReportReturnedEvent(obligationId, command.reportId(), reason));
        return version;
    }

    /** {@code at}: the instant the reminder was set for (a deadline message's timestamp is its trigger time). */
    @DeadlineHandler(deadlineName = REMINDER)
    void on(ReminderDue reminder, @Timestamp Instant at) {
        long daysLeft = Obligations.daysLeft(due, ProgrammeTime.dayOf(at));
        // every node arms every stored deadline: a reminder delivered twice is sent once
        if (awaitingReport() && at.isBefore(dueAt) && !Long.valueOf(daysLeft).equals(lastReminderDaysLeft)) {
            apply(new ObligationReminderSentEvent(obligationId, unitId, due, daysLeft));
        }
    }

    @DeadlineHandler(deadlineName = DUE)
    void on(ObligationDue reached, @Timestamp Instant at) {
        if (status == ObligationStatus.OPEN && timeliness == null && !at.isBefore(dueAt)) {
            apply(new ObligationOverdueEvent(obligationId, unitId, dueAt));
        }
    }

    private boolean awaitingReport() {
        return status == ObligationStatus.OPEN || status == ObligationStatus.RETURNED;
    }

    private void requireCurrentSubmitted(String reportId, String action) {
        if (reportId == null || !reportId.equals(currentReportId)) {
            throw new DomainException(ErrorCode.REPORT_NOT_FOUND, "Report " + reportId + " is not the obligation's current report");
        }
        if (status != ObligationStatus.SUBMITTED) {
            throw new DomainException(ErrorCode.INVALID_TRANSITION,
                                      "Cannot " + action + " report " + reportId + " while the obligation is " + status);
        }
    }

    private static void cancelDeadlines(DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(REMINDER);
        deadlines.cancelAllWithinScope(DUE);
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(ObligationOpenedEvent event, @SequenceNumber long sequence) {
        obligationId = event.obligationId();
        planId = event.planId();
        unitId = event.unitId();
        what = event.what();
        kind = event.kind();
        due = event.due();
        dueAt = event.dueAt();
        status = ObligationStatus.OPEN;
        version = sequence;
    }

    @EventSourcingHandler
    void on(ObligationRescheduledEvent event, @SequenceNumber long sequence) {
        what = event.what();
        kind = event.kind();
        due = event.due();
        dueAt = event.dueAt();
        lastReminderDaysLeft = null;
        if (timeliness == Timeliness.OVERDUE) {
            timeliness = null; // a later due date: no longer overdue until it passes
        }
        version = sequence;
    }

    @EventSourcingHandler
    void on(ObligationCancelledEvent event, @SequenceNumber long sequence) {
        statusBeforeClose = event.byPlanClose() ? status : null;
        status = ObligationStatus.CANCELLED;
        version = sequence;
    }

    @EventSourcingHandler
    void on(ObligationReopenedEvent event, @SequenceNumber long sequence) {
        status = statusBeforeClose != null ? statusBeforeClose
                : currentReportId == null ? ObligationStatus.OPEN : ObligationStatus.RETURNED;
        statusBeforeClose = null;
        version = sequence;
    }

    @EventSourcingHandler
    void on(ObligationReminderSentEvent event, @SequenceNumber long sequence) {
        lastReminderDaysLeft = event.daysLeft();
        version = sequence;
    }

    @EventSourcingHandler
    void on(ObligationOverdueEvent event, @SequenceNumber long sequence) {
        timeliness = Timeliness.OVERDUE;
        version = sequence;
    }

    @EventSourcingHandler
    void on(ReportSubmittedEvent event, @SequenceNumber long sequence) {
        currentReportId = event.reportId();
        submissions = event.submission();
        timeliness = event.timeliness();
        status = ObligationStatus.SUBMITTED;
        version = sequence;
    }

    @EventSourcingHandler
    void on(ReportAcceptedEvent event, @SequenceNumber long sequence) {
        status = ObligationStatus.ACCEPTED;
        version = sequence;
    }

    @EventSourcingHandler
    void on(ReportReturnedEvent event, @SequenceNumber long sequence) {
        status = ObligationStatus.RETURNED;
        version = sequence;
    }
}
