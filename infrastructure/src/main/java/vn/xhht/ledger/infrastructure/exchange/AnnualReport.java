package vn.xhht.ledger.infrastructure.exchange;

import vn.xhht.ledger.domain.indicator.IndicatorMessages.IndicatorRow;
import vn.xhht.ledger.domain.plan.PlanContent.Task;
import vn.xhht.ledger.domain.plan.PlanQueries.PlanView;
import vn.xhht.ledger.domain.reporting.ReportingMessages.Timeliness;
import vn.xhht.ledger.domain.reporting.ReportingQueries.ObligationView;
import vn.xhht.ledger.domain.reporting.ReportingQueries.ReportView;
import vn.xhht.ledger.domain.reporting.ReportingQueries.TaskProgressView;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The annual report of a plan (báo cáo kết quả thực hiện kế hoạch) as data, from the views as they stood: results
 * against each target for the issuer, each task's progress across the reporting units, and per deadline the
 * reports received on time, late, and the units that have not reported; the difficulties and proposals the
 * reports raised. {@link AnnualReportPdf} and the XLSX export lay it out.
 */
record AnnualReport(PlanView plan, String issuerName, LocalDate dated, Instant asOf, int year,
                    List<TargetResult> targets, List<TaskLine> tasks, List<DeadlineLine> deadlines,
                    List<Voice> voices) {

    record TargetResult(String indicator, String name, BigDecimal target, long numerator, long denominator,
                        BigDecimal value, String status) {
        String targetPercent() {
            return percent(target);
        }

        String valuePercent() {
            return percent(value);
        }
    }

    record TaskLine(String content, String lead, String timeframe, int units, int done, int averagePercent) {
    }

    record DeadlineLine(String what, LocalDate due, int asked, List<String> onTime, List<String> late,
                        List<String> missing) {
    }

    /** What one unit's report said of its difficulties and proposals. */
    record Voice(String unit, String difficulties, String proposals) {
    }

    static AnnualReport of(PlanView plan, String issuerName, Map<String, String> unitNames, LocalDate dated,
                           Instant asOf, List<IndicatorRow> indicators, List<ObligationView> obligations,
                           List<TaskProgressView> progress, List<ReportView> reports) {
        int year = plan.period().to().getYear();
        List<TargetResult> targets = new ArrayList<>();
        plan.targets().forEach(target -> {
            IndicatorRow row = indicators.stream().filter(r -> r.indicator().equals(target.indicator())).findFirst().orElse(null);
            targets.add(new TargetResult(target.indicator(), row == null || row.name() == null ? target.indicator() : row.name().vi(),
                                         target.target(), row == null ? 0 : row.numerator(),
                                         row == null ? 0 : row.denominator(), row == null ? null : row.value(),
                                         row == null ? "NO_DATA" : String.valueOf(row.status())));
        });
        List<TaskLine> tasks = new ArrayList<>();
        for (Task task : plan.tasks()) {
            TaskProgressView p = progress.stream().filter(v -> v.taskId().equals(task.taskId())).findFirst().orElse(null);
            tasks.add(new TaskLine(task.content(), task.leadUnitId() == null ? "" : unitNames.getOrDefault(task.leadUnitId(), task.leadUnitId()),
                                   task.timeframe() == null ? "" : task.timeframe(), p == null ? 0 : p.units(),
                                   p == null ? 0 : p.done(), p == null ? 0 : p.averagePercent()));
        }
        Map<String, List<ObligationView>> byDeadline = new LinkedHashMap<>();
        obligations.stream().sorted(java.util.Comparator.comparing((ObligationView o) -> o.deadline().due()))
                   .forEach(o -> byDeadline.computeIfAbsent(o.deadline().what() + "|" + o.deadline().due(),
                                                            k -> new ArrayList<>()).add(o));
        List<DeadlineLine> deadlines = new ArrayList<>();
        byDeadline.values().forEach(list -> {
            List<String> onTime = new ArrayList<>();
            List<String> late = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (ObligationView o : list) {
                String name = unitNames.getOrDefault(o.unitId(), o.unitId());
                if (o.timeliness() == Timeliness.ON_TIME) {
                    onTime.add(name);
                } else if (o.timeliness() == Timeliness.LATE) {
                    late.add(name);
                } else if (o.submissions() == 0) {
                    missing.add(name);
                }
            }
            deadlines.add(new DeadlineLine(list.get(0).deadline().what(), list.get(0).deadline().due(), list.size(),
                                           onTime, late, missing));
        });
        List<Voice> voices = new ArrayList<>();
        reports.stream().filter(r -> r.difficulties() != null || r.proposals() != null)
               .sorted(java.util.Comparator.comparing(ReportView::unitId))
               .forEach(r -> voices.add(new Voice(unitNames.getOrDefault(r.unitId(), r.unitId()),
                                                  r.difficulties() == null ? "" : r.difficulties(),
                                                  r.proposals() == null ? "" : r.proposals())));
        return new AnnualReport(plan, issuerName, dated, asOf, year, targets, tasks, deadlines, voices);
    }

    static String percent(BigDecimal share) {
        return share == null ? "—" : share.multiply(BigDecimal.valueOf(100)).setScale(2, RoundingMode.DOWN)
                                          .stripTrailingZeros().toPlainString().replace('.', ',') + " %";
    }

    static String statusVi(String status) {
        return switch (status) {
            case "MET" -> "Đạt";
            case "NOT_MET" -> "Chưa đạt";
            default -> "Chưa có số liệu";
        };
    }

    /** "ngày 10 tháng 12 năm 2023" */
    static String longDate(LocalDate date) {
        return "ngày " + String.format("%02d", date.getDayOfMonth()) + " tháng " + String.format("%02d", date.getMonthValue())
                + " năm " + date.getYear();
    }
}
