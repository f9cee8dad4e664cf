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
        // decided under TT 24/2023 (in force from 29/1/2024): kept three more years, with or without an assessment
        as("recognizer").post().uri("/recognitions").bodyValue(grant(subject, "DON_VI_HOC_TAP", "MUC_DO_1", 2023, "2024-02-10"))
                        .exchange().expectStatus().isCreated()
                        .expectBody().jsonPath("$.validThrough").isEqualTo("2026-12-31").jsonPath("$.revoked").isEqualTo(false);
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
                        .jsonPath("$.frameworkVersion").isEqualTo(2)
                        // TT22's ranking is annual (version 2): valid for the recognition year only
                        .jsonPath("$.validThrough").isEqualTo(THIS_YEAR + "-12-31");
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

    /**
     * TT 22's first version kept a rank valid three more years; the corrected version ranks yearly. A title granted
     * from an assessment under the first version keeps its validity until an administrator, from the review, sets
     * it with a reason; only then do the later years' figures change.
     */
    @Test
    void aTitleGrantedUnderTheFirstTt22IsListedForReviewAndCountsLessOnlyOnceAnAdministratorCorrectsIt() {
        String[] ids = provinceDistrictCommune();
        String subject = fresh("truong");
        register(subject, "ORGANISATION", ids[1], "2020-01-01");
        waitForFramework("TT22-2020-DVHT");
        List<Map<String, Object>> scores = new java.util.ArrayList<>();
        for (String code : List.of("TC1.1", "TC1.2", "TC1.3", "TC2.1", "TC2.2", "TC2.3", "TC3.1", "TC3.2", "TC3.3", "TC3.4")) {
            scores.add(Map.of("indicator", code, "points", 9));
        }
        String assessment = as("assessor").post().uri("/assessments")
                                          .bodyValue(Map.of("subjectUnitId", subject, "framework", "TT22-2020-DVHT",
                                                            "frameworkVersion", 1, "year", 2023, "scores", scores))
                                          .exchange().expectStatus().isCreated()
                                          .returnResult(String.class).getResponseHeaders().getLocation().getPath()
                                          .replace("/api/v1", "");
        as("assessor").post().uri(assessment + "/submit").exchange().expectStatus().isOk();
        as("reviewer").post().uri(assessment + "/review").bodyValue(Map.of("conclusion", Map.of("result", "TOT")))
                      .exchange().expectStatus().isOk();
        Map<String, Object> body = grant(subject, "DON_VI_HOC_TAP", null, 2023, "2023-12-20");
        body.put("assessmentId", assessment.substring(assessment.lastIndexOf('/') + 1));
        String recognition = as("recognizer").post().uri("/recognitions").bodyValue(body).exchange()
                                             .expectStatus().isCreated()
                                             .expectBody().jsonPath("$.frameworkVersion").isEqualTo(1)
                                             .jsonPath("$.validThrough").isEqualTo("2026-12-31")
                                             .returnResult().getResponseHeaders().getLocation().getPath().replace("/api/v1", "");
        String recognitionId = recognition.substring(recognition.lastIndexOf('/') + 1);
        awaitHeld(ids[1], 2025, 1);

        as("auditor").get().uri("/recognitions/validity-review?framework=TT22-2020-DVHT").exchange().expectStatus().isOk()
                     .expectBody()
                     .jsonPath("$.latestVersion").isEqualTo(2).jsonPath("$.validityYears").isEqualTo(0)
                     .jsonPath("$.items[?(@.recognitionId == '" + recognitionId + "')].validThrough").isEqualTo(List.of("2026-12-31"))
                     .jsonPath("$.items[?(@.recognitionId == '" + recognitionId + "')].validThroughUnderLatest").isEqualTo(List.of("2023-12-31"));
        as("viewer").get().uri("/recognitions/validity-review?framework=TT22-2020-DVHT").exchange().expectStatus().isForbidden();
        as("auditor").get().uri("/recognitions/validity-review?framework=tt22").exchange().expectStatus().isBadRequest();
        // a review of today's validity: not answered as of a past instant (rather than silently answered for today)
        as("auditor").get().uri("/recognitions/validity-review?framework=TT22-2020-DVHT&asOf=2025-01-01T00:00:00Z").exchange()
                     .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("AS_OF_NOT_SUPPORTED");

        as("recognizer").post().uri(recognition + "/correct-validity")
                        .bodyValue(Map.of("validThrough", "2023-12-31", "reason", "TT22 xếp loại hằng năm")).exchange()
                        .expectStatus().isForbidden();
        as("admin").post().uri(recognition + "/correct-validity").bodyValue(Map.of("validThrough", "2023-12-31"))
                   .exchange().expectStatus().isBadRequest();
        as("admin").post().uri(recognition + "/correct-validity")
                   .bodyValue(Map.of("validThrough", "2023-06-30", "reason", "r")).exchange()
                   .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED")
                   .jsonPath("$.errors[0].field").isEqualTo("validThrough");
        as("admin").post().uri(recognition + "/correct-validity")
                   .bodyValue(Map.of("validThrough", "2023-12-31", "reason", "TT22 xếp loại hằng năm (phiên bản 2)")).exchange()
                   .expectStatus().isOk().expectBody().jsonPath("$.validThrough").isEqualTo("2023-12-31");

        awaitHeld(ids[1], 2025, 0);
        awaitHeld(ids[1], 2023, 1);
        as("auditor").get().uri("/recognitions/validity-review?framework=TT22-2020-DVHT").exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items[?(@.recognitionId == '" + recognitionId + "')]").isEmpty();
        as("auditor").get().uri("/audit/events?unitId={u}", subject).exchange().expectStatus().isOk().expectBody()
                     .jsonPath("$.items[?(@.type == 'RecognitionValidityCorrectedEvent')].reason")
                     .isEqualTo(List.of("TT22 xếp loại hằng năm (phiên bản 2)"));
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.axonframework.eventsourcing.eventstore.EventStore eventStore;

    /**
     * A commune title granted without an assessment is valid as its title's framework says (TT 25/2023: three more
     * years), so the district's share of titled communes counts it through 2027; one granted before this rule (stored
     * with its own year only) is listed by the validity review of TT 25 for an administrator to set.
     */
    @Test
    void aCommuneTitleGrantedWithoutAnAssessmentCountsForTheYearsItsFrameworkGivesAndAnOlderOneIsListedForReview() {
        String[] ids = provinceDistrictCommune();
        waitForFramework("TT25-2023-CDHT-XA");
        as("recognizer").post().uri("/recognitions")
                        .bodyValue(grant(ids[2], "CONG_DONG_HOC_TAP_XA", "MUC_DO_1", 2024, "2024-12-20")).exchange()
                        .expectStatus().isCreated().expectBody()
                        .jsonPath("$.validThrough").isEqualTo("2027-12-31")
                        .jsonPath("$.framework").isEqualTo("TT25-2023-CDHT-XA").jsonPath("$.frameworkVersion").isEqualTo(2);
        awaitTitled(ids[1], 2027, "COMMUNES_TITLED", 1);
        awaitTitled(ids[1], 2028, "COMMUNES_TITLED", 0);

        // as the service stored such a title before: no framework, valid for its year only
        String legacy = java.util.UUID.randomUUID().toString();
        String other = fresh("xa");
        register(other, "COMMUNE", ids[1], "2020-01-01");
        eventStore.publish(new org.axonframework.eventhandling.GenericDomainEventMessage<>(
                "RecognitionAggregate", legacy, 0, new vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionGrantedEvent(
                        legacy, vn.xhht.ledger.domain.recognition.RecognitionMessages.Title.CONG_DONG_HOC_TAP_XA, other, 2024,
                        "MUC_DO_1", "7/QĐ-UBND", LocalDate.of(2024, 6, 1), null, null, null, LocalDate.of(2024, 12, 31)),
                org.axonframework.messaging.MetaData.with("actor", "recognizer")));
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        String review = "";
        while (!review.contains(legacy) && System.nanoTime() < deadline) {
            review = as("auditor").get().uri("/recognitions/validity-review?framework=TT25-2023-CDHT-XA").exchange()
                                  .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
            sleep(100);
        }
        as("auditor").get().uri("/recognitions/validity-review?framework=TT25-2023-CDHT-XA").exchange().expectBody()
                     .jsonPath("$.items[?(@.recognitionId == '" + legacy + "')].validThroughUnderLatest")
                     .isEqualTo(List.of("2027-12-31"));
    }

    private void awaitTitled(String unit, int year, String indicator, int held) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        Object numerator = null;
        while (System.nanoTime() < deadline) {
            Map<?, ?> table = as("auditor").get().uri("/indicators?unitId={u}&year={y}", unit, year).exchange()
                                           .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            numerator = ((List<?>) table.get("items")).stream().map(Map.class::cast)
                                                      .filter(row -> indicator.equals(row.get("indicator")))
                                                      .map(row -> row.get("numerator")).findFirst().orElse(null);
            if (numerator instanceof Number n && n.intValue() == held) {
                return;
            }
            sleep(100);
        }
        org.assertj.core.api.Assertions.fail(indicator + " " + year + " of " + unit + " stayed " + numerator);
    }

    /** Waits until the district's ORGANISATIONS_TITLED numerator for {@code year} is {@code held}. */
    private void awaitHeld(String district, int year, int held) {
        awaitTitled(district, year, "ORGANISATIONS_TITLED", held);
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
