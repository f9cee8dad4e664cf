package vn.xhht.ledger.domain.plan;

import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;

/** The value objects a plan is made of. */
public final class PlanContent {
    private PlanContent() {
    }

    /**
     * A target for an indicator as a share between 0 and 1 (0.60 is 60%). {@code scope} optionally narrows it to
     * one kind of subject (e.g. "adults").
     */
    public record Target(String indicator, BigDecimal target, String scope) {
    }

    /**
     * A task with its lead unit (đơn vị chủ trì), coordinating units (phối hợp) and timeframe. {@code taskId} is made
     * by the plan when the task is first listed and kept through amendments (reports name tasks by it).
     */
    public record Task(String taskId, String content, String leadUnitId, List<String> coordinatingUnitIds,
                       String timeframe) {
        public Task {
            coordinatingUnitIds = coordinatingUnitIds == null ? List.of() : List.copyOf(coordinatingUnitIds);
        }

        public Task(String content, String leadUnitId, List<String> coordinatingUnitIds, String timeframe) {
            this(null, content, leadUnitId, coordinatingUnitIds, timeframe);
        }

        Task withId(String id) {
            return new Task(id, content, leadUnitId, coordinatingUnitIds, timeframe);
        }

        boolean sameContent(Task other) {
            return Objects.equals(content, other.content) && Objects.equals(leadUnitId, other.leadUnitId)
                    && coordinatingUnitIds.equals(other.coordinatingUnitIds) && Objects.equals(timeframe, other.timeframe);
        }
    }

    /** What a reporting deadline asks for (DOMAIN-2 §3). */
    public enum DeadlineKind {
        PLAN, SIX_MONTH_REVIEW, RESULTS, ANNUAL, SELF_ASSESSMENT, PCGD_DATA_LOCK, PCGD_DOSSIER, MOVEMENT_REPORT,
        PHASE_REVIEW
    }

    /** A deadline that comes back: {@code YEARLY} on the same day of every year of the plan's period. */
    public enum Recurrence { YEARLY }

    /**
     * A reporting deadline: what is due, and by when ("trước ngày X": by the end of X in Vietnam). The units that
     * report are {@code reporterUnitIds} when given, else every unit directly under the issuer when the plan is
     * issued. {@code deadlineId} is made by the plan and kept through amendments; {@code kind} and
     * {@code recurrence} are optional.
     */
    public record Deadline(String deadlineId, String what, LocalDate due, DeadlineKind kind,
                           List<String> reporterUnitIds, Recurrence recurrence) {
        public Deadline {
            reporterUnitIds = reporterUnitIds == null ? List.of() : List.copyOf(reporterUnitIds);
        }

        public Deadline(String what, LocalDate due) {
            this(null, what, due, null, List.of(), null);
        }

        Deadline withId(String id) {
            return new Deadline(id, what, due, kind, reporterUnitIds, recurrence);
        }

        boolean sameContent(Deadline other) {
            return Objects.equals(what, other.what) && Objects.equals(due, other.due) && kind == other.kind
                    && reporterUnitIds.equals(other.reporterUnitIds) && recurrence == other.recurrence;
        }
    }

    /** The id a plan gives its {@code n}-th task or deadline ({@code what} is "task" or "deadline"), n from 1. */
    public static String itemId(String planId, String what, int n) {
        return UUID.nameUUIDFromBytes((planId + "|" + what + "|" + n).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The tasks as given, each with its id: an id given must be one of the plan's ({@code used}); a task given
     * without one keeps the id of an unclaimed current task with the same content, else gets the plan's next id.
     */
    public static List<Task> identifyTasks(String planId, List<Task> current, List<Task> given, Set<String> used) {
        return identify(planId, "task", Field.of("tasks"), current, given, used, Task::taskId, Task::withId, Task::sameContent);
    }

    /** The deadlines as given, each with its id, as {@link #identifyTasks} does for tasks. */
    public static List<Deadline> identifyDeadlines(String planId, List<Deadline> current, List<Deadline> given,
                                                   Set<String> used) {
        for (int i = 0; given != null && i < given.size(); i++) {
            Deadline deadline = given.get(i);
            if (deadline == null || deadline.what() == null || deadline.what().isBlank()) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, Field.of("deadlines").at(i).dot("what"),
                                          "A deadline says what is due");
            }
            if (deadline.due() == null) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, Field.of("deadlines").at(i).dot("due"),
                                          "A deadline has a due date");
            }
        }
        return identify(planId, "deadline", Field.of("deadlines"), current, given, used, Deadline::deadlineId,
                        Deadline::withId, Deadline::sameContent);
    }

    private static <T> List<T> identify(String planId, String what, Field field, List<T> current, List<T> given,
                                        Set<String> used, Function<T, String> idOf, BiFunction<T, String, T> withId,
                                        BiPredicate<T, T> same) {
        if (given == null) {
            return List.of();
        }
        List<T> unclaimed = new ArrayList<>(current == null ? List.of() : current);
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            T item = given.get(i);
            String id = item == null ? null : idOf.apply(item);
            if (id != null) {
                if (!used.contains(id)) {
                    throw new DomainException(ErrorCode.VALIDATION_FAILED, field.at(i).dot(what + "Id"),
                                              "The plan has no " + what + " " + id);
                }
                if (!taken.add(id)) {
                    throw new DomainException(ErrorCode.VALIDATION_FAILED, field.at(i).dot(what + "Id"),
                                              "The " + what + " " + id + " is listed twice");
                }
                unclaimed.removeIf(candidate -> id.equals(idOf.apply(candidate)));
            }
        }
        Set<String> all = new HashSet<>(used);
        List<T> identified = new ArrayList<>();
        int next = 1;
        for (T item : given) {
            if (item == null) {
                identified.add(null);
                continue;
            }
            if (idOf.apply(item) != null) {
                identified.add(item);
                continue;
            }
            T match = unclaimed.stream().filter(candidate -> same.test(candidate, item)).findFirst().orElse(null);
            if (match != null) {
                unclaimed.remove(match);
                identified.add(withId.apply(item, idOf.apply(match)));
                continue;
            }
            String id;
            do {
                id = itemId(planId, what, next++);
            } while (all.contains(id));
            all.add(id);
            identified.add(withId.apply(item, id));
        }
        return Collections.unmodifiableList(identified);
    }

    /** Targets must be shares in [0, 1], one per indicator and scope. */
    public static List<Target> checkTargets(List<Target> targets) {
        if (targets == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            Field field = Field.of("targets").at(i);
            if (target == null || target.indicator() == null || target.indicator().isBlank()) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, field.dot("indicator"), "An indicator is required");
            }
            if (target.target() == null || target.target().signum() < 0 || target.target().compareTo(BigDecimal.ONE) > 0) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, field.dot("target"),
                                          "A target is a share between 0 and 1 (0.6 for 60%)");
            }
            if (!seen.add(target.indicator() + "|" + target.scope())) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, field.dot("indicator"),
                                          "Indicator " + target.indicator() + " is targeted twice");
            }
        }
        return List.copyOf(targets);
    }
}
