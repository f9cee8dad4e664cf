package vn.xhht.ledger.infrastructure.api;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

class FiguresApiTest extends ApiTest {

    private static Map<String, Object> batch(String unit, String title, long count, String decidedOn) {
        return new HashMap<>(Map.of("unitId", unit, "title", title, "year", 2023, "count", count,
                                    "decisionNumber", "12/QĐ-UBND", "decidedOn", decidedOn));
    }

    @Test
    void aCommuneRecordsItsBaselineAndHouseholdBatchesPerVillage() {
        String[] ids = provinceDistrictCommune();
        String village = fresh("ap");
        register(village, "VILLAGE", ids[2], "2020-01-01");
        as("planner").put().uri("/units/{id}/baselines/2023", ids[2])
                     .bodyValue(Map.of("households", 9500, "clans", 120, "villages", 12, "citizens", 32000))
                     .exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.households").isEqualTo(9500).jsonPath("$.version").isEqualTo(0)
                     .jsonPath("$.organisations").isEmpty();
        as("planner").put().uri("/units/{id}/baselines/2023", ids[2])
                     .bodyValue(Map.of("households", 9500, "clans", 120, "villages", 12, "citizens", 32000))
                     .exchange().expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(0);
        as("planner").put().uri("/units/{id}/baselines/2023", ids[2])
                     .bodyValue(Map.of("households", 9620, "clans", 120, "villages", 12, "citizens", 32000))
                     .exchange().expectStatus().isOk().expectBody().jsonPath("$.households").isEqualTo(9620)
                     .jsonPath("$.version").isEqualTo(1);
        as("recognizer").post().uri("/recognition-batches").bodyValue(batch(village, "GIA_DINH_HOC_TAP", 410, "2023-11-30"))
                        .exchange().expectStatus().isCreated()
                        .expectBody().jsonPath("$.count").isEqualTo(410).jsonPath("$.validThrough").isEqualTo("2023-12-31");
        as("recognizer").post().uri("/recognition-batches").bodyValue(batch(ids[2], "DONG_HO_HOC_TAP", 70, "2023-11-30"))
                        .exchange().expectStatus().isCreated();
    }

    @Test
    void aUnitsBatchesAreListedByYearInDecisionOrderAndAsTheyWereKnownAtAnInstant() {
        String[] ids = provinceDistrictCommune();
        String village = fresh("ap");
        register(village, "VILLAGE", ids[2], "2020-01-01");
        as("recognizer").post().uri("/recognition-batches").bodyValue(batch(village, "GIA_DINH_HOC_TAP", 41, "2023-11-30"))
                        .exchange().expectStatus().isCreated();
        as("recognizer").post().uri("/recognition-batches").bodyValue(batch(village, "CONG_DAN_HOC_TAP", 12, "2023-05-02"))
                        .exchange().expectStatus().isCreated();
        java.time.Instant between = java.time.Instant.now();
        Map<String, Object> nextYear = batch(village, "GIA_DINH_HOC_TAP", 7, "2024-11-01");
        nextYear.put("year", 2024);
        as("recognizer").post().uri("/recognition-batches").bodyValue(nextYear).exchange().expectStatus().isCreated();

        as("viewer").get().uri("/units/{id}/recognition-batches?year=2023", village).exchange()
                    .expectStatus().isForbidden();
        as("auditor").get().uri("/units/{id}/recognition-batches?year=2023", village).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(2)
                     .jsonPath("$.items[0].count").isEqualTo(12).jsonPath("$.items[1].count").isEqualTo(41);
        as("auditor").get().uri("/units/{id}/recognition-batches", village).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(3);
        as("auditor").get().uri("/units/{id}/recognition-batches?asOf={t}", village, between).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(2);
        as("auditor").get().uri("/units/{id}/recognition-batches", ids[1]).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(0);
    }


    @Test
    void onceTheDistrictClosesTwentyTwentyThreeABatchDatedInItIsRefusedAndOneInTheNextYearAccepted() {
        String[] ids = provinceDistrictCommune();
        String planPath = as("planner").post().uri("/plans").bodyValue(PlansApiTest.plan(ids[1])).exchange()
                                       .expectStatus().isCreated().returnResult(String.class)
                                       .getResponseHeaders().getLocation().getPath().replace("/api/v1", "");
        as("planner").post().uri(planPath + "/issue").exchange().expectStatus().isOk();
        as("planner").post().uri(planPath + "/close").bodyValue(Map.of("reason", "Chốt số liệu 2023")).exchange()
                     .expectStatus().isOk();
        as("recognizer").post().uri("/recognition-batches").bodyValue(batch(ids[2], "GIA_DINH_HOC_TAP", 30, "2023-12-01"))
                        .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("PERIOD_CLOSED");
        as("planner").put().uri("/units/{id}/baselines/2023", ids[2]).bodyValue(Map.of("households", 1000))
                     .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("PERIOD_CLOSED");
        Map<String, Object> nextYear = batch(ids[2], "GIA_DINH_HOC_TAP", 30, "2024-01-05");
        nextYear.put("year", 2024);
        as("recognizer").post().uri("/recognition-batches").bodyValue(nextYear).exchange().expectStatus().isCreated();
    }

    @Test
    void aSurveyBasedValueIsReportedWithItsSourceAndCanBeReplaced() {
        String[] ids = provinceDistrictCommune();
        Map<String, Object> value = new HashMap<>(Map.of("indicator", "INFO_LITERACY", "year", 2023, "numerator", 5200,
                                                         "denominator", 10400, "source", "Điều tra PCGD-XMC 2023"));
        as("planner").post().uri("/units/{id}/indicator-values", ids[2]).bodyValue(value).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.numerator").isEqualTo(5200).jsonPath("$.version").isEqualTo(0);
        value.put("numerator", 5300);
        as("planner").post().uri("/units/{id}/indicator-values", ids[2]).bodyValue(value).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.numerator").isEqualTo(5300).jsonPath("$.version").isEqualTo(1);
        as("auditor").get().uri("/units/{id}/indicator-values?indicator=INFO_LITERACY&year=2023", ids[2]).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.source").isEqualTo("Điều tra PCGD-XMC 2023");
        value.put("numerator", 20000);
        as("planner").post().uri("/units/{id}/indicator-values", ids[2]).bodyValue(value).exchange()
                     .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("numerator");
    }
}
