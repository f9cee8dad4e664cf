package vn.xhht.ledger.infrastructure.api;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

class RecognitionsApiTest extends ApiTest {

    private static final int THIS_YEAR = LocalDate.now().getYear();

    private static Map<String, Object> grant(String subject, String title, String level, int year, String decidedOn) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("subjectUnitId", subject);
        body.put("year", year);
        if (level != null) {
            body.put("level", level);
        }
        body.put("decisionNumber", "123/QĐ-UBND");
        body.put("decidedOn", decidedOn);
        return body;
    }

    private String organisation() {
        String[] ids = provinceDistrictCommune();
        String organisation = fresh("truong");
        register(organisation, "ORGANISATION", ids[1], "2020-01-01");
        return organisation;
    }

    @Test
    void aRecognizerGrantsATitleWhichIsListedForTheUnitAndASecondValidOneIsADuplicate() {
        String subject = organisation();
        as("recognizer").post().uri("/recognitions").bodyValue(grant(subject, "DON_VI_HOC_TAP", "MUC_DO_1", 2023, "2024-02-10"))
                        .exchange().expectStatus().isCreated()
                        .expectBody().jsonPath("$.validThrough").isEqualTo("2023-12-31").jsonPath("$.revoked").isEqualTo(false);
        as("recognizer").post().uri("/recognitions").bodyValue(grant(subject, "DON_VI_HOC_TAP", "MUC_DO_1", 2023, "2024-02-10"))
                        .exchange().expectStatus().isEqualTo(409)
                        .expectBody().jsonPath("$.code").isEqualTo("DUPLICATE_RECOGNITION");
        as("auditor").get().uri("/units/{id}/recognitions?year=2023", subject).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(1).jsonPath("$.items[0].title").isEqualTo("DON_VI_HOC_TAP");
        as("assessor").post().uri("/recognitions").bodyValue(grant(subject, "DON_VI_HOC_TAP", null, 2024, "2025-02-10"))
                      .exchange().expectStatus().isForbidden();
    }

    @Test
    void aRecognitionFromAnAssessmentMustMatchItsConclusionAndInheritsTheFrameworksValidity() {
        String subject = organisation();
        String assessment = reviewedTt22Assessment(subject);
        Map<String, Object> wrongTitle = grant(subject, "CONG_DONG_HOC_TAP_XA", null, THIS_YEAR, LocalDate.now().toString());
        wrongTitle.put("assessmentId", assessment);
        as("recognizer").post().uri("/recognitions").bodyValue(wrongTitle).exchange()
                        .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("CONCLUSION_MISMATCH");
        Map<String, Object> right = grant(subject, "DON_VI_HOC_TAP", null, THIS_YEAR, LocalDate.now().toString());
        right.put("assessmentId", assessment);
        as("recognizer").post().uri("/recognitions").bodyValue(right).exchange()
                        .expectStatus().isCreated()
                        .expectBody().jsonPath("$.framework").isEqualTo("TT22-2020-DVHT")
                        .jsonPath("$.validThrough").isEqualTo((THIS_YEAR + 3) + "-12-31");
    }

    private String reviewedTt22Assessment(String subject) {
        String path = null;
        for (int attempt = 0; attempt < 100 && path == null; attempt++) {
            var result = as("assessor").post().uri("/assessments")
                                       .bodyValue(Map.of("subjectUnitId", subject, "framework", "TT22-2020-DVHT",
                                                         "year", THIS_YEAR, "scores", AssessmentsApiTest.points86()))
                                       .exchange().returnResult(String.class);
            if (result.getStatus().value() == 201) {
                path = result.getResponseHeaders().getLocation().getPath().replace("/api/v1", "");
            } else {
                sleep(100); // the framework files are still being published
            }
        }
        as("assessor").post().uri(path + "/submit").exchange().expectStatus().isOk();
        as("reviewer").post().uri(path + "/review").bodyValue(Map.of("conclusion", Map.of("result", "TOT")))
                      .exchange().expectStatus().isOk();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Test
    void aRevokedTitleIsShownAsRevokedWithItsReasonAndCanBeGrantedAgain() {
        String subject = organisation();
        String location = as("recognizer").post().uri("/recognitions")
                                          .bodyValue(grant(subject, "DON_VI_HOC_TAP", "MUC_DO_1", THIS_YEAR, LocalDate.now().toString()))
                                          .exchange().expectStatus().isCreated()
                                          .returnResult(String.class).getResponseHeaders().getLocation().getPath();
        as("recognizer").post().uri(location.replace("/api/v1", "") + "/revoke").bodyValue(Map.of("reason", "Hồ sơ không trung thực"))
                        .exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.revoked").isEqualTo(true).jsonPath("$.revokedReason").isEqualTo("Hồ sơ không trung thực");
        as("recognizer").post().uri(location.replace("/api/v1", "") + "/revoke").bodyValue(Map.of("reason", "again"))
                        .exchange().expectStatus().isEqualTo(409);
        as("recognizer").post().uri("/recognitions").bodyValue(grant(subject, "DON_VI_HOC_TAP", "MUC_DO_1", THIS_YEAR, LocalDate.now().toString()))
                        .exchange().expectStatus().isCreated();
    }

    @Test
    void levelTwoCanBeAppliedForTwelveMonthsAfterALevelOneRecognitionAndNotBefore() {
        String early = organisation();
        as("recognizer").post().uri("/recognitions")
                        .bodyValue(grant(early, "DON_VI_HOC_TAP", "MUC_DO_1", THIS_YEAR - 1, LocalDate.now().minusMonths(3).toString()))
                        .exchange().expectStatus().isCreated();
        as("assessor").post().uri("/assessments").bodyValue(Map.of("subjectUnitId", early, "framework", "TT24-2023-DVHT",
                                                                   "year", THIS_YEAR, "level", "MUC_DO_2", "scores", List.of()))
                      .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("UPGRADE_TOO_EARLY");
        String ready = organisation();
        as("recognizer").post().uri("/recognitions")
                        .bodyValue(grant(ready, "DON_VI_HOC_TAP", "MUC_DO_1", THIS_YEAR - 2, LocalDate.now().minusMonths(13).toString()))
                        .exchange().expectStatus().isCreated();
        as("assessor").post().uri("/assessments").bodyValue(Map.of("subjectUnitId", ready, "framework", "TT24-2023-DVHT",
                                                                   "year", THIS_YEAR, "level", "MUC_DO_2", "scores", List.of()))
                      .exchange().expectStatus().isCreated().expectBody().jsonPath("$.level").isEqualTo("MUC_DO_2");
    }

    @Test
    void aGrantDecidedInAClosedPeriodIsRefusedAndOneInTheNextYearIsAccepted() {
        String[] ids = provinceDistrictCommune();
        Map<String, Object> plan = new HashMap<>(PlansApiTest.plan(ids[1]));
        String planPath = as("planner").post().uri("/plans").bodyValue(plan).exchange().expectStatus().isCreated()
                                       .returnResult(String.class).getResponseHeaders().getLocation().getPath().replace("/api/v1", "");
        as("planner").post().uri(planPath + "/issue").exchange().expectStatus().isOk();
        as("planner").post().uri(planPath + "/close").bodyValue(Map.of("reason", "Chốt số liệu 2023")).exchange().expectStatus().isOk();
        as("recognizer").post().uri("/recognitions").bodyValue(grant(ids[2], "CONG_DONG_HOC_TAP_XA", "MUC_DO_1", 2023, "2023-11-20"))
                        .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("PERIOD_CLOSED");
        as("recognizer").post().uri("/recognitions").bodyValue(grant(ids[2], "CONG_DONG_HOC_TAP_XA", "MUC_DO_1", 2023, "2024-01-20"))
                        .exchange().expectStatus().isCreated();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
