package vn.xhht.ledger.infrastructure.api;

import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.ProgrammeTime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A district's reporting round, as its officers live it: the plan's deadlines become each commune's obligations; the
 * reminders and the overdue marks arrive by themselves; one commune reports on time, one late, one not at all; the
 * district returns a report and accepts the resubmission; an amendment moves a deadline and a close cancels what is
 * still owed.
 */
class ReportingApiTest extends ApiTest {

    private final LocalDate today = ProgrammeTime.today(Clock.systemUTC());

    private Map<String, Object> plan(String district, LocalDate soon, LocalDate past) {
        return Map.of("issuerUnitId", district, "number", "42/KH-UBND", "title", "Kế hoạch XHHT",
                      "issuedOn", today.toString(),
                      "period", Map.of("from", today.withDayOfYear(1).toString(),
                                       "to", today.withDayOfYear(1).plusYears(1).minusDays(1).toString()),
                      "targets", List.of(Map.of("indicator", "HOUSEHOLDS_TITLED", "target", 0.6)),
                      "tasks", List.of(Map.of("content", "Mở lớp xóa mù chữ", "timeframe", "Quý IV")),
                      "deadlines", List.of(Map.of("what", "Báo cáo sơ kết 6 tháng", "due", past.toString(),
                                                  "kind", "SIX_MONTH_REVIEW"),
                                           Map.of("what", "Báo cáo năm", "due", soon.toString(), "kind", "ANNUAL")));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> obligations(String path) {
        Map<String, Object> body = as("auditor").get().uri(path).exchange().expectBody(Map.class).returnResult()
                                                .getResponseBody();
        assertThat(body).as(path).containsKey("items");
        return (List<Map<String, Object>>) body.get("items");
    }

    private List<Map<String, Object>> awaitObligations(String path, Predicate<List<Map<String, Object>>> until) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<Map<String, Object>> items = obligations(path);
        while (!until.test(items) && System.nanoTime() < deadline) {
            sleep();
            items = obligations(path);
        }
        assertThat(until).accepts(items);
        return items;
    }

    private static Map<String, Object> of(List<Map<String, Object>> items, String unitId, String what) {
        return items.stream().filter(o -> unitId.equals(o.get("unitId"))
                && what.equals(((Map<?, ?>) o.get("deadline")).get("what"))).findFirst().orElseThrow();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Object> report(String taskId, int numerator) {
        return Map.of("figures", List.of(Map.of("indicator", "HOUSEHOLDS_TITLED", "numerator", numerator, "denominator", 700)),
                      "tasks", List.of(Map.of("taskId", taskId, "progress", "DONE", "narrative", "Đã mở 3 lớp")),
                      "narrative", "Kết quả thực hiện", "difficulties", "Kinh phí hạn chế", "proposals", "Bổ sung kinh phí");
    }

    private String submit(String obligationId, Map<String, Object> body, String timeliness) {
        String location = as("planner").post().uri("/obligations/{id}/reports", obligationId).bodyValue(body).exchange()
                                       .expectStatus().isCreated()
                                       .expectBody().jsonPath("$.timeliness").isEqualTo(timeliness)
                                       .jsonPath("$.status").isEqualTo("SUBMITTED")
                                       .returnResult().getResponseHeaders().getLocation().getPath();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDistrictFollowsItsCommunesReportsFromIssueToClose() {
        String province = fresh("tinh");
        String district = fresh("huyen");
        String a = fresh("xa-a");
        String b = fresh("xa-b");
        String c = fresh("xa-c");
        register(province, "PROVINCE", null, "2020-01-01");
        register(district, "DISTRICT", province, "2020-01-01");
        for (String commune : List.of(a, b, c)) {
            register(commune, "COMMUNE", district, "2020-01-01");
        }
        LocalDate soon = today.plusDays(3);
        LocalDate past = today.minusDays(1);
        String location = as("planner").post().uri("/plans").bodyValue(plan(district, soon, past)).exchange()
                                       .expectStatus().isCreated().returnResult(Map.class).getResponseHeaders()
                                       .getLocation().getPath();
        String planId = location.substring(location.lastIndexOf('/') + 1);
        Map<String, Object> issued = as("planner").post().uri("/plans/{id}/issue", planId).exchange()
                                                  .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String taskId = (String) ((List<Map<String, Object>>) issued.get("tasks")).get(0).get("taskId");
        assertThat(taskId).isNotBlank();

        // every commune owes both reports; the past one is overdue at once, the near one is reminded of
        List<Map<String, Object>> items = awaitObligations("/plans/" + planId + "/obligations", list -> list.size() == 6
                && list.stream().filter(o -> "OVERDUE".equals(o.get("timeliness"))).count() == 3
                && list.stream().filter(o -> o.get("lastReminder") != null).count() == 3);
        Map<String, Object> reminded = of(items, a, "Báo cáo năm");
        assertThat(((Map<String, Object>) reminded.get("lastReminder")).get("daysLeft")).isEqualTo(3);
        assertThat(reminded.get("timeliness")).isNull();
        assertThat(of(items, c, "Báo cáo sơ kết 6 tháng").get("status")).isEqualTo("OPEN");
        Instant beforeReports = Instant.now();

        // a report naming what the plan does not target is refused, and so is a viewer's
        as("planner").post().uri("/obligations/{id}/reports", of(items, a, "Báo cáo năm").get("id"))
                     .bodyValue(Map.of("figures", List.of(Map.of("indicator", "CLANS_TITLED", "numerator", 1, "denominator", 2))))
                     .exchange().expectStatus().isEqualTo(422).expectBody()
                     .jsonPath("$.code").isEqualTo("UNKNOWN_INDICATOR").jsonPath("$.errors[0].field").isEqualTo("figures[0].indicator");
        as("viewer").post().uri("/obligations/{id}/reports", of(items, a, "Báo cáo năm").get("id"))
                    .bodyValue(report(taskId, 400)).exchange().expectStatus().isForbidden();

        // commune A on time, commune B late (its six-month review), commune C nothing
        String first = submit((String) of(items, a, "Báo cáo năm").get("id"), report(taskId, 400), "ON_TIME");
        submit((String) of(items, b, "Báo cáo sơ kết 6 tháng").get("id"), report(taskId, 300), "LATE");

        // the district returns A's report, which comes back and is accepted; the first submission's timing stays
        as("reviewer").post().uri("/reports/{id}/return", first).bodyValue(Map.of("reason", " ")).exchange()
                      .expectStatus().isBadRequest();
        as("reviewer").post().uri("/reports/{id}/return", first).bodyValue(Map.of("reason", "Thiếu số liệu hộ gia đình"))
                      .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("RETURNED")
                      .jsonPath("$.decision.reason").isEqualTo("Thiếu số liệu hộ gia đình");
        String second = submit((String) of(items, a, "Báo cáo năm").get("id"), report(taskId, 420), "ON_TIME");
        as("reviewer").post().uri("/reports/{id}/accept", second).exchange().expectStatus().isOk()
                      .expectBody().jsonPath("$.status").isEqualTo("ACCEPTED").jsonPath("$.submission").isEqualTo(2);
        as("reviewer").post().uri("/reports/{id}/accept", first).exchange().expectStatus().isNotFound()
                      .expectBody().jsonPath("$.code").isEqualTo("REPORT_NOT_FOUND");

        items = awaitObligations("/plans/" + planId + "/obligations",
                                 list -> "ACCEPTED".equals(of(list, a, "Báo cáo năm").get("status")));
        assertThat(of(items, a, "Báo cáo năm")).containsEntry("timeliness", "ON_TIME").containsEntry("submissions", 2)
                                               .containsEntry("returns", 1);
        assertThat(of(items, b, "Báo cáo sơ kết 6 tháng")).containsEntry("timeliness", "LATE")
                                                          .containsEntry("status", "SUBMITTED");
        assertThat(of(items, c, "Báo cáo sơ kết 6 tháng")).containsEntry("timeliness", "OVERDUE")
                                                          .containsEntry("status", "OPEN");
        // what C still owes, as its to-do list, and who had reported before the reports came (record time)
        assertThat(obligations("/units/" + c + "/obligations?status=OPEN")).hasSize(2);
        assertThat(obligations("/plans/" + planId + "/obligations?asOf=" + beforeReports))
                .allSatisfy(o -> assertThat(o.get("reportId")).isNull());

        // task progress across the communes that reported on it
        as("auditor").get().uri("/plans/{id}/task-progress", planId).exchange().expectStatus().isOk().expectBody()
                     .jsonPath("$.items[0].taskId").isEqualTo(taskId).jsonPath("$.items[0].units").isEqualTo(2)
                     .jsonPath("$.items[0].done").isEqualTo(2);

        // an amendment moves the annual report: the obligations still owed move with it
        Map<String, Object> plan = as("auditor").get().uri("/plans/{id}", planId).exchange().expectBody(Map.class)
                                                .returnResult().getResponseBody();
        List<Map<String, Object>> deadlines = (List<Map<String, Object>>) plan.get("deadlines");
        Map<String, Object> moved = new java.util.HashMap<>(deadlines.get(1));
        moved.put("due", soon.plusDays(10).toString());
        as("planner").post().uri("/plans/{id}/amend", planId)
                     .bodyValue(Map.of("deadlines", List.of(deadlines.get(0), moved), "reason", "Lùi hạn báo cáo năm"))
                     .exchange().expectStatus().isOk();
        items = awaitObligations("/plans/" + planId + "/obligations",
                                 list -> soon.plusDays(10).toString().equals(((Map<?, ?>) of(list, c, "Báo cáo năm").get("deadline")).get("due")));
        assertThat(of(items, a, "Báo cáo năm").get("status")).isEqualTo("ACCEPTED");

        // closing the plan cancels what is still owed; reopening asks for it again
        as("planner").post().uri("/plans/{id}/close", planId).bodyValue(Map.of("reason", "Chốt số liệu năm")).exchange()
                     .expectStatus().isOk();
        items = awaitObligations("/plans/" + planId + "/obligations",
                                 list -> "CANCELLED".equals(of(list, c, "Báo cáo năm").get("status")));
        assertThat(of(items, b, "Báo cáo sơ kết 6 tháng").get("status")).isEqualTo("SUBMITTED");
        as("planner").post().uri("/plans/{id}/reopen", planId).bodyValue(Map.of("reason", "Bổ sung báo cáo")).exchange()
                     .expectStatus().isOk();
        awaitObligations("/plans/" + planId + "/obligations",
                         list -> "OPEN".equals(of(list, c, "Báo cáo năm").get("status")));

        // the history says it in Vietnamese
        String history = as("auditor").get().uri("/units/{id}/history", c).exchange().expectStatus().isOk()
                                      .expectBody(String.class).returnResult().getResponseBody();
        assertThat(history).contains("quá hạn báo cáo").contains("hủy yêu cầu báo cáo: Chốt số liệu năm");
    }
}
