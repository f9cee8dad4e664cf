package vn.xhht.ledger.domain.reporting;

import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.reporting.ReportingMessages.Progress;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReportContent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReportedFigure;
import vn.xhht.ledger.domain.reporting.ReportingMessages.TaskProgress;

import java.util.HashSet;
import java.util.Set;

/**
 * What a report may say, against the plan it answers ({@code scope}): figures only for the plan's target indicators,
 * whole numbers with the numerator within the denominator, once each; progress only for the plan's tasks, once each,
 * a percent from 0 to 100 that agrees with the progress (not started is 0, done is 100).
 */
public final class ReportRules {

    /** The plan's indicators and task ids a report may speak of. */
    public record ReportScope(Set<String> indicators, Set<String> taskIds) {
    }

    private ReportRules() {
    }

    public static ReportContent check(ReportContent content, ReportScope scope) {
        if (content == null) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "A report is required");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < content.figures().size(); i++) {
            ReportedFigure figure = content.figures().get(i);
            Field field = Field.of("figures").at(i);
            if (figure == null || figure.indicator() == null || !scope.indicators().contains(figure.indicator())) {
                throw new DomainException(ErrorCode.UNKNOWN_INDICATOR, field.dot("indicator"),
                                          "The plan has no target for " + (figure == null ? null : figure.indicator()));
            }
            if (!seen.add(figure.indicator())) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, field.dot("indicator"),
                                          figure.indicator() + " is reported twice");
            }
            if (figure.numerator() == null || figure.numerator() < 0) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, field.dot("numerator"),
                                          "The numerator is a whole number from 0");
            }
            if (figure.denominator() == null || figure.denominator() < figure.numerator()) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, field.dot("denominator"),
                                          "The denominator is a whole number no smaller than the numerator");
            }
        }
        Set<String> tasks = new HashSet<>();
        for (int i = 0; i < content.tasks().size(); i++) {
            TaskProgress task = content.tasks().get(i);
            Field field = Field.of("tasks").at(i);
            if (task == null || task.taskId() == null || !scope.taskIds().contains(task.taskId())) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, field.dot("taskId"),
                                          "The plan has no task " + (task == null ? null : task.taskId()));
            }
            if (!tasks.add(task.taskId())) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, field.dot("taskId"),
                                          "Task " + task.taskId() + " is reported twice");
            }
            if (task.progress() == null) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, field.dot("progress"),
                                          "Progress is NOT_STARTED, IN_PROGRESS or DONE");
            }
            Integer percent = task.percent();
            if (percent != null && (percent < 0 || percent > 100
                    || (task.progress() == Progress.NOT_STARTED && percent != 0)
                    || (task.progress() == Progress.DONE && percent != 100))) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, field.dot("percent"),
                                          "The percent is 0 to 100, 0 when not started and 100 when done");
            }
        }
        return content;
    }

    /** The percent a task's progress stands for when none was given. */
    public static int percentOf(TaskProgress task) {
        if (task.percent() != null) {
            return task.percent();
        }
        return task.progress() == Progress.DONE ? 100 : 0;
    }
}
