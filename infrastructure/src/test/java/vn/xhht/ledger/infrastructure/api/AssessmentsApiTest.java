package vn.xhht.ledger.infrastructure.api;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class AssessmentsApiTest extends ApiTest {

    /** Self-assessed points totalling 86 under TT22-2020-DVHT version 2 (caps 10/10/10 · 10/5/10/5 · 25/10/5): TOT. */
    static List<Map<String, Object>> points86() {
        List<Map<String, Object>> scores = new ArrayList<>();
        String[] codes = {"TC1.1", "TC1.2", "TC1.3", "TC2.1", "TC2.2", "TC2.3", "TC2.4", "TC3.1", "TC3.2", "TC3.3"};
        int[] points = {10, 10, 8, 9, 5, 9, 4, 22, 6, 3};
        for (int i = 0; i < codes.length; i++) {
            scores.add(Map.of("indicator", codes[i], "points", points[i], "evidence", "Biên bản " + (i + 1)));
        }
        return scores;
    }

    private String organisation() {
        String[] ids = provinceDistrictCommune();
        String organisation = fresh("truong");
        register(organisation, "ORGANISATION", ids[1], "2020-01-01");
        return organisation;
    }

    private static final int THIS_YEAR = LocalDate.now().getYear();

    private String open(String subject, String framework, Object scores) {
        return open(subject, framework, scores, THIS_YEAR);
    }

    private String open(String subject, String framework, Object scores, int year) {
        return openAssessment(subject, framework, scores, year);
    }

    @Test
    void anOrganisationSelfAssessesIsReturnedResubmitsAndIsReviewedDownToKha() {
        String subject = organisation();
        String id = open(subject, "TT22-2020-DVHT", points86());
        as("auditor").get().uri("/assessments/{id}", id).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.status").isEqualTo("DRAFT").jsonPath("$.total").isEqualTo(86)
                     .jsonPath("$.result").isEqualTo("TOT").jsonPath("$.frameworkVersion").isEqualTo(2)
                     .jsonPath("$.scores[0].name").isEqualTo("Có chủ trương, kế hoạch để thành viên thường xuyên học tập");
        as("assessor").post().uri("/assessments/{id}/submit", id).exchange().expectStatus().isOk()
                      .expectBody().jsonPath("$.status").isEqualTo("SUBMITTED").jsonPath("$.late").isEqualTo(false);
        as("reviewer").post().uri("/assessments/{id}/return", id)
                      .bodyValue(Map.of("reason", "Thiếu biên bản họp đánh giá"))
                      .exchange().expectStatus().isOk()
                      .expectBody().jsonPath("$.status").isEqualTo("RETURNED")
                      .jsonPath("$.returnReason").isEqualTo("Thiếu biên bản họp đánh giá");
        as("assessor").post().uri("/assessments/{id}/submit", id).exchange().expectStatus().isOk()
                      .expectBody().jsonPath("$.status").isEqualTo("SUBMITTED");
        as("reviewer").post().uri("/assessments/{id}/review", id)
                      .bodyValue(Map.of("adjustments", List.of(Map.of("indicator", "TC1.3", "points", 6,
                                                                      "reason", "Chưa tổ chức sơ kết 6 tháng")),
                                        "conclusion", Map.of("result", "KHA")))
                      .exchange().expectStatus().isOk();
        as("auditor").get().uri("/assessments/{id}", id).exchange().expectStatus().isOk()
                     .expectBody()
                     .jsonPath("$.status").isEqualTo("REVIEWED")
                     .jsonPath("$.total").isEqualTo(84)
                     .jsonPath("$.result").isEqualTo("KHA")
                     .jsonPath("$.scores[2].indicator").isEqualTo("TC1.3")
                     .jsonPath("$.scores[2].self").isEqualTo(8)
                     .jsonPath("$.scores[2].reviewed").isEqualTo(6)
                     .jsonPath("$.scores[2].reason").isEqualTo("Chưa tổ chức sơ kết 6 tháng")
                     .jsonPath("$.scores[0].self").isEqualTo(10)
                     .jsonPath("$.scores[0].reviewed").isEqualTo(10);
        as("reviewer").get().uri("/assessments?unitId={u}&year={y}&status=REVIEWED", subject, THIS_YEAR).exchange()
                      .expectStatus().isOk().expectBody().jsonPath("$.items[0].id").isEqualTo(id);
    }

    @Test
    void anAssessmentOpenedUnderTheFirstVersionKeepsItsVersionAndItsRulesAfterTheCorrectedOne() {
        String subject = organisation();
        waitForFramework("TT22-2020-DVHT");
        List<Map<String, Object>> underFirst = new ArrayList<>();
        String[] codes = {"TC1.1", "TC1.2", "TC1.3", "TC2.1", "TC2.2", "TC2.3", "TC3.1", "TC3.2", "TC3.3", "TC3.4"};
        int[] points = {10, 10, 8, 9, 9, 8, 10, 8, 7, 7};
        for (int i = 0; i < codes.length; i++) {
            underFirst.add(Map.of("indicator", codes[i], "points", points[i]));
        }
        String location = as("assessor").post().uri("/assessments")
                                        .bodyValue(Map.of("subjectUnitId", subject, "framework", "TT22-2020-DVHT",
                                                          "frameworkVersion", 1, "year", 2023, "scores", underFirst))
                                        .exchange().expectStatus().isCreated()
                                        .returnResult(String.class).getResponseHeaders().getLocation().getPath();
        String id = location.substring(location.lastIndexOf('/') + 1);
        // TC3.4 exists only in version 1; TC2.2 (9 points) is above version 2's cap of 5
        as("assessor").post().uri("/assessments/{id}/submit", id).exchange().expectStatus().isOk();
        as("reviewer").post().uri("/assessments/{id}/review", id)
                      .bodyValue(Map.of("adjustments", List.of(Map.of("indicator", "TC3.4", "points", 5, "reason", "Thiếu minh chứng")),
                                        "conclusion", Map.of("result", "KHA")))
                      .exchange().expectStatus().isOk();
        as("auditor").get().uri("/assessments/{id}", id).exchange().expectStatus().isOk().expectBody()
                     .jsonPath("$.frameworkVersion").isEqualTo(1).jsonPath("$.total").isEqualTo(84)
                     .jsonPath("$.result").isEqualTo("KHA").jsonPath("$.dueAt").isEqualTo("2024-01-14T17:00:00Z");
        as("auditor").get().uri("/audit/events?unitId={u}", subject).exchange().expectStatus().isOk().expectBody()
                     .jsonPath("$.items[?(@.type == 'AssessmentOpenedEvent')].payload.frameworkVersion").isEqualTo(List.of(1));
    }

    @Test
    void aTt24AssessmentCarriesSharesAsNumeratorAndDenominatorAndTheReviewerAdjustsOneWithAReason() {
        String subject = organisation();
        List<Map<String, Object>> scores = new ArrayList<>();
        for (String condition : List.of("TC1.1", "TC1.2", "TC1.3", "TC1.4", "TC1.5", "TC3.1", "TC3.2", "TC3.3")) {
            scores.add(Map.of("indicator", condition, "met", true));
        }
        scores.add(Map.of("indicator", "TC2.1", "numerator", 45, "denominator", 50));
        scores.add(Map.of("indicator", "TC2.2", "numerator", 46, "denominator", 50));
        scores.add(Map.of("indicator", "TC2.3", "numerator", 48, "denominator", 50));
        String id = open(subject, "TT24-2023-DVHT", scores);
        as("auditor").get().uri("/assessments/{id}", id).exchange().expectStatus().isOk().expectBody()
                     .jsonPath("$.frameworkVersion").isEqualTo(2)
                     .jsonPath("$.result").isEqualTo("MUC_DO_2") // 48 of 50 = 96% ≥ 95%
                     .jsonPath("$.scores[?(@.indicator == 'TC1.1')].self").isEqualTo(List.of(true)) // met: the bare boolean
                     .jsonPath("$.scores[?(@.indicator == 'TC2.3')].self.numerator").isEqualTo(List.of(48))
                     .jsonPath("$.scores[?(@.indicator == 'TC2.3')].self.denominator").isEqualTo(List.of(50));
        as("assessor").put().uri("/assessments/{id}/scores", id)
                      .bodyValue(Map.of("scores", List.of(Map.of("indicator", "TC2.3", "numerator", 51, "denominator", 50))))
                      .exchange().expectStatus().isEqualTo(422).expectBody()
                      .jsonPath("$.code").isEqualTo("SCORE_OUT_OF_RANGE")
                      .jsonPath("$.errors[0].field").isEqualTo("scores[0].numerator");
        as("assessor").post().uri("/assessments/{id}/submit", id).exchange().expectStatus().isOk();
        as("reviewer").post().uri("/assessments/{id}/review", id)
                      .bodyValue(Map.of("adjustments", List.of(Map.of("indicator", "TC2.3", "numerator", 47, "denominator", 50,
                                                                      "reason", "Một người chưa được công nhận")),
                                        "conclusion", Map.of("result", "MUC_DO_1", "level", "MUC_DO_1")))
                      .exchange().expectStatus().isOk();
        as("auditor").get().uri("/assessments/{id}", id).exchange().expectStatus().isOk().expectBody()
                     .jsonPath("$.result").isEqualTo("MUC_DO_1") // 47 of 50 = 94%: level 1 only
                     .jsonPath("$.scores[?(@.indicator == 'TC2.3')].reviewed.numerator").isEqualTo(List.of(47))
                     .jsonPath("$.scores[?(@.indicator == 'TC2.3')].self.numerator").isEqualTo(List.of(48));
    }

    @Test
    void aDraftPastItsFilingDeadlineIsMarkedOverdueAndItsSubmissionIsFlaggedLate() {
        String subject = organisation();
        String id = open(subject, "TT22-2020-DVHT", points86(), 2024); // due 31 Mar 2025 (the first quarter): long past
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        boolean overdue = false;
        while (!overdue && System.nanoTime() < deadline) {
            overdue = Boolean.TRUE.equals(as("auditor").get().uri("/assessments/{id}", id).exchange()
                                                       .expectBody(Map.class).returnResult().getResponseBody().get("overdue"));
            sleep(100);
        }
        as("auditor").get().uri("/assessments/{id}", id).exchange().expectBody()
                     .jsonPath("$.overdue").isEqualTo(true).jsonPath("$.dueAt").isEqualTo("2025-03-30T17:00:00Z");
        as("reviewer").get().uri("/assessments?unitId={u}&overdue=true", subject).exchange()
                      .expectBody().jsonPath("$.items[0].id").isEqualTo(id);
        as("reviewer").get().uri("/assessments?unitId={u}&overdue=false", subject).exchange()
                      .expectBody().jsonPath("$.items.length()").isEqualTo(0);
        as("assessor").post().uri("/assessments/{id}/submit", id).exchange().expectStatus().isOk()
                      .expectBody().jsonPath("$.late").isEqualTo(true).jsonPath("$.status").isEqualTo("SUBMITTED");
    }

    @Test
    void aRefusedScoreIsNamedByItsPlaceInTheRequestAndAnUnpublishedFrameworkIsUnknown() {
        String subject = organisation();
        waitForFramework("TT22-2020-DVHT");
        as("assessor").post().uri("/assessments")
                      .bodyValue(Map.of("subjectUnitId", subject, "framework", "TT22-2020-DVHT", "year", THIS_YEAR,
                                        "scores", List.of(Map.of("indicator", "TC1.1", "points", 10),
                                                          Map.of("indicator", "TC9.9", "points", 1))))
                      .exchange().expectStatus().isEqualTo(422)
                      .expectBody().jsonPath("$.code").isEqualTo("UNKNOWN_INDICATOR")
                      .jsonPath("$.errors[0].field").isEqualTo("scores[1].indicator");
        openRefused(subject, "NO-SUCH-FRAMEWORK", List.of(), 422, "UNKNOWN_FRAMEWORK");
    }

    private void openRefused(String subject, String framework, Object scores, int status, String code) {
        openRefused(Map.of("subjectUnitId", subject, "framework", framework, "year", THIS_YEAR, "scores", scores), status, code);
    }

    private void openRefused(Map<String, Object> body, int status, String code) {
        as("assessor").post().uri("/assessments").bodyValue(body).exchange()
                      .expectStatus().isEqualTo(status).expectBody().jsonPath("$.code").isEqualTo(code);
    }





    @Test
    void aConclusionDatedInAClosedPeriodIsRefusedUntilTheDistrictReopensIt() {
        String[] ids = provinceDistrictCommune();
        String subject = fresh("truong");
        register(subject, "ORGANISATION", ids[1], "2020-01-01");
        String id = open(subject, "TT22-2020-DVHT", points86());
        as("assessor").post().uri("/assessments/{id}/submit", id).exchange().expectStatus().isOk();
        int year = LocalDate.now().getYear();
        Map<String, Object> plan = new java.util.HashMap<>(PlansApiTest.plan(ids[1]));
        plan.put("period", Map.of("from", year + "-01-01", "to", year + "-12-31"));
        String planPath = as("planner").post().uri("/plans").bodyValue(plan).exchange().expectStatus().isCreated()
                                       .returnResult(String.class).getResponseHeaders().getLocation().getPath()
                                       .replace("/api/v1", "");
        as("planner").post().uri(planPath + "/issue").exchange().expectStatus().isOk();
        as("planner").post().uri(planPath + "/close").bodyValue(Map.of("reason", "Chốt số liệu")).exchange().expectStatus().isOk();
        WebTestClient.ResponseSpec refused = as("reviewer").post().uri("/assessments/{id}/review", id)
                                                           .bodyValue(Map.of("conclusion", Map.of("result", "TOT"))).exchange();
        refused.expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("PERIOD_CLOSED");
        org.assertj.core.api.Assertions.assertThat(storedDeadlines(id)).as("a refused review keeps the filing deadline").isEqualTo(1);
        as("planner").post().uri(planPath + "/reopen").bodyValue(Map.of("reason", "Bổ sung kết quả thẩm định"))
                     .exchange().expectStatus().isOk();
        as("reviewer").post().uri("/assessments/{id}/review", id).bodyValue(Map.of("conclusion", Map.of("result", "TOT")))
                      .exchange().expectStatus().isOk().expectBody().jsonPath("$.result").isEqualTo("TOT");
        org.assertj.core.api.Assertions.assertThat(storedDeadlines(id)).as("a concluded review cancels it").isZero();
    }

    private long storedDeadlines(String assessmentId) {
        return eventDatabase.getCollection("deadlines").countDocuments(new org.bson.Document("scopeId", assessmentId));
    }

    @Test
    void onlyAssessorsOpenAndOnlyReviewersReview() {
        String subject = organisation();
        waitForFramework("TT22-2020-DVHT");
        as("reviewer").post().uri("/assessments")
                      .bodyValue(Map.of("subjectUnitId", subject, "framework", "TT22-2020-DVHT", "year", THIS_YEAR, "scores", List.of()))
                      .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN_ROLE");
        String id = open(subject, "TT22-2020-DVHT", points86());
        as("assessor").post().uri("/assessments/{id}/return", id).bodyValue(Map.of("reason", "x"))
                      .exchange().expectStatus().isForbidden();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
