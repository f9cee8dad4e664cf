package vn.xhht.ledger.domain.reporting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import vn.xhht.ledger.domain.plan.PlanContent.DeadlineKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Reporting obligations and the reports that answer them (DOMAIN-2 §3): a plan's deadline asks each reporting unit
 * for a report by its due date; the unit submits, the issuer accepts or returns it, the unit submits again.
 * Events are stored forever: never change a record's shape; add a revision and an upcaster.
 */
public final class ReportingMessages {
    private ReportingMessages() {
    }

    public enum ObligationStatus { OPEN, SUBMITTED, RETURNED, ACCEPTED, CANCELLED }

    /** The first submission's: on time, late; or overdue while nothing was submitted by the due date. */
    public enum Timeliness { ON_TIME, LATE, OVERDUE }

    public enum Progress { NOT_STARTED, IN_PROGRESS, DONE }

    /** A figure reported for one of the plan's indicators for the period. */
    public record ReportedFigure(String indicator, Long numerator, Long denominator) {
    }

    /** How far a task of the plan has come at the reporting unit. */
    public record TaskProgress(String taskId, Progress progress, Integer percent, String narrative) {
    }

    /** What a report says: figures, task progress, narrative, difficulties (khó khăn, vướng mắc), proposals. */
    public record ReportContent(List<ReportedFigure> figures, List<TaskProgress> tasks, String narrative,
                                String difficulties, String proposals) {
        public ReportContent {
            figures = figures == null ? List.of() : List.copyOf(figures);
            tasks = tasks == null ? List.of() : List.copyOf(tasks);
        }
    }

    /** One obligation as a plan's deadlines and reporters make it (see {@link Obligations}). */
    public record ObligationTerms(String obligationId, String planId, String issuerUnitId, String deadlineId,
                                  String what, DeadlineKind kind, LocalDate due, String unitId) {
        /** The instant the obligation falls due: the end of its due day in Vietnam. */
        public Instant dueAt() {
            return Obligations.dueAt(due);
        }
    }

    // ------------------------------------------------------------------------------------------ commands

    public record SubmitReportCommand(@TargetAggregateIdentifier String obligationId, String reportId,
                                      ReportContent content, @TargetAggregateVersion Long expectedVersion) {
    }

    public record AcceptReportCommand(@TargetAggregateIdentifier String obligationId, String reportId,
                                      @TargetAggregateVersion Long expectedVersion) {
    }

    public record ReturnReportCommand(@TargetAggregateIdentifier String obligationId, String reportId, String reason,
                                      @TargetAggregateVersion Long expectedVersion) {
    }

    // ------------------------------------------------------------------------------------------ events

    public record ObligationOpenedEvent(String obligationId, String planId, String issuerUnitId, String deadlineId,
                                        String what, DeadlineKind kind, LocalDate due, Instant dueAt, String unitId) {
    }

    /** The plan's amendment moved the deadline or changed what is due. */
    public record ObligationRescheduledEvent(String obligationId, String what, DeadlineKind kind, LocalDate due,
                                             Instant dueAt, String reason) {
    }

    /** No report is asked any more: the deadline or the reporter left the plan, or the plan was closed. */
    public record ObligationCancelledEvent(String obligationId, String reason, boolean byPlanClose) {
    }

    /** The plan was reopened: an obligation its close cancelled is asked again. */
    public record ObligationReopenedEvent(String obligationId, String reason) {
    }

    /** A reminder to the reporting unit that its report is due ({@code daysLeft} whole days before the due date). */
    public record ObligationReminderSentEvent(String obligationId, String unitId, LocalDate due, long daysLeft) {
    }

    /** The due date passed with nothing submitted. */
    public record ObligationOverdueEvent(String obligationId, String unitId, Instant dueAt) {
    }

    /**
     * A report submitted for the obligation ({@code submission} counts from 1; a resubmission follows a return).
     * {@code timeliness} is the obligation's after it: the first submission's, never re-timed.
     */
    public record ReportSubmittedEvent(String obligationId, String reportId, String planId, String unitId,
                                       ReportContent content, int submission, Timeliness timeliness) {
    }

    public record ReportAcceptedEvent(String obligationId, String reportId) {
    }

    public record ReportReturnedEvent(String obligationId, String reportId, String reason) {
    }

    // ------------------------------------------------------------------------------------------ deadlines

    /** The Axon deadline of a reminder. */
    public record ReminderDue(String obligationId) {
    }

    /** The Axon deadline of the due date. */
    public record ObligationDue(String obligationId) {
    }
}
