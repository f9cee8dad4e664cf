package vn.xhht.ledger.domain.reporting;

import vn.xhht.ledger.domain.plan.PlanContent.DeadlineKind;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationStatus;
import vn.xhht.ledger.domain.reporting.ReportingMessages.Progress;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReportedFigure;
import vn.xhht.ledger.domain.reporting.ReportingMessages.TaskProgress;
import vn.xhht.ledger.domain.reporting.ReportingMessages.Timeliness;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Queries on obligations and reports, and what they answer. */
public final class ReportingQueries {
    private ReportingQueries() {
    }

    /** The obligations of a plan, or of a unit (one of the two is given), optionally of one status. */
    public record FetchObligationsQuery(String planId, String unitId, ObligationStatus status, int limit, String cursor,
                                        Instant asOf) {
    }

    public record FetchObligationQuery(String obligationId, Instant asOf) {
    }

    public record FetchReportQuery(String reportId, Instant asOf) {
    }

    /** Per task of a plan, how far each unit reporting on it says it has come. */
    public record FetchTaskProgressQuery(String planId, Instant asOf) {
    }

    public record DeadlineRef(String deadlineId, String what, DeadlineKind kind, LocalDate due, Instant dueAt) {
    }

    public record Change(String actor, Instant at, String reason) {
    }

    public record ReminderView(Instant at, long daysLeft) {
    }

    public record ObligationView(String id, String planId, String issuerUnitId, DeadlineRef deadline, String unitId,
                                 ObligationStatus status, Timeliness timeliness, Instant submittedAt, String reportId,
                                 int submissions, int returns, ReminderView lastReminder, Instant overdueAt,
                                 Change lastChange, long version) {
    }

    public enum ReportStatus { SUBMITTED, ACCEPTED, RETURNED }

    public record ReportView(String id, String obligationId, String planId, String issuerUnitId, String unitId,
                             DeadlineRef deadline, List<ReportedFigure> figures, List<TaskProgress> tasks,
                             String narrative, String difficulties, String proposals, int submission,
                             Timeliness timeliness, ReportStatus status, Instant submittedAt, String submittedBy,
                             Change decision, long version) {
    }

    public record UnitProgress(String unitId, Progress progress, int percent, String narrative, String reportId,
                               Instant reportedAt) {
    }

    public record TaskProgressView(String taskId, int units, int done, int averagePercent, List<UnitProgress> items) {
    }

    public record PlanTaskProgressView(String planId, List<TaskProgressView> items) {
    }
}
