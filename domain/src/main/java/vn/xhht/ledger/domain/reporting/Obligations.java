package vn.xhht.ledger.domain.reporting;

import vn.xhht.ledger.domain.common.ProgrammeTime;
import vn.xhht.ledger.domain.plan.Period;
import vn.xhht.ledger.domain.plan.PlanContent.Deadline;
import vn.xhht.ledger.domain.plan.PlanContent.Recurrence;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationTerms;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * The policy that turns a plan's deadlines into obligations: one per deadline, reporting unit and occurrence. The
 * reporters are the deadline's own when it names them, else the units directly under the issuer when the plan was
 * issued; a yearly deadline occurs on its day in every year of the plan's period from its first due date. An
 * obligation's id is made from the plan, deadline, unit and occurrence, so an amendment that keeps them keeps it.
 */
public final class Obligations {

    private Obligations() {
    }

    /** "Trước ngày X" means by the end of X in Vietnam: the instant X's next day begins (DOMAIN-2 §3). */
    public static Instant dueAt(LocalDate due) {
        return ProgrammeTime.endOf(due);
    }

    /** Whole days from {@code today} to the due date (0 on the day itself, negative after it). */
    public static long daysLeft(LocalDate due, LocalDate today) {
        return java.time.temporal.ChronoUnit.DAYS.between(today, due);
    }

    public static List<ObligationTerms> of(String planId, String issuerUnitId, Period period, List<Deadline> deadlines,
                                           List<String> issuerChildren) {
        List<ObligationTerms> terms = new ArrayList<>();
        for (Deadline deadline : deadlines == null ? List.<Deadline>of() : deadlines) {
            if (deadline == null || deadline.deadlineId() == null || deadline.due() == null) {
                continue;
            }
            List<String> reporters = deadline.reporterUnitIds().isEmpty()
                    ? (issuerChildren == null ? List.of() : issuerChildren) : deadline.reporterUnitIds();
            List<LocalDate> occurrences = new ArrayList<>();
            occurrences.add(deadline.due());
            if (deadline.recurrence() == Recurrence.YEARLY && period != null) {
                for (LocalDate next = deadline.due().plusYears(1); !next.isAfter(period.to()); next = next.plusYears(1)) {
                    occurrences.add(next);
                }
            }
            for (String unitId : new LinkedHashSet<>(reporters)) {
                for (int occurrence = 0; occurrence < occurrences.size(); occurrence++) {
                    terms.add(new ObligationTerms(id(planId, deadline.deadlineId(), unitId, occurrence), planId,
                                                  issuerUnitId, deadline.deadlineId(), deadline.what(), deadline.kind(),
                                                  occurrences.get(occurrence), unitId));
                }
            }
        }
        return terms;
    }

    static String id(String planId, String deadlineId, String unitId, int occurrence) {
        return UUID.nameUUIDFromBytes(("obligation|" + planId + "|" + deadlineId + "|" + unitId + "|" + occurrence)
                                              .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
