package vn.xhht.ledger.infrastructure.api;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

class FrameworksApiTest extends ApiTest {

    private static Map<String, Object> document(String code) {
        Map<String, Object> document = new HashMap<>();
        document.put("code", code);
        document.put("title", "Khung thử nghiệm");
        document.put("subjectTitle", "DON_VI_HOC_TAP");
        document.put("regulation", "Thông tư thử nghiệm");
        document.put("effectiveFrom", "2026-01-01");
        document.put("decision", "POINTS");
        document.put("criteria", List.of(Map.of("code", "A", "name", "Tiêu chí A",
                                                "indicators", List.of(Map.of("code", "A1", "name", "Chỉ số A1", "maxPoints", 100)))));
        document.put("thresholds", List.of(Map.of("result", "DAT", "minPoints", 50)));
        document.put("validityYears", 1);
        document.put("filingDeadline", "--03-31");
        document.put("provisional", true);
        return document;
    }

    @Test
    void anAdminPublishesAFrameworkOverHttpAndTheSameContentTwiceIsOneVersion() {
        String code = "TEST-" + fresh("X").toUpperCase();
        as("admin").post().uri("/frameworks").bodyValue(document(code)).exchange()
                   .expectStatus().isCreated()
                   .expectHeader().valueEquals("Location", "/api/v1/frameworks/" + code + "/versions/1")
                   .expectBody().jsonPath("$.version").isEqualTo(1).jsonPath("$.criteria[0].indicators[0].maxPoints").isEqualTo(100);
        as("admin").post().uri("/frameworks").bodyValue(document(code)).exchange()
                   .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);
        Map<String, Object> changed = document(code);
        changed.put("thresholds", List.of(Map.of("result", "DAT", "minPoints", 60)));
        as("admin").post().uri("/frameworks").bodyValue(changed).exchange()
                   .expectStatus().isCreated().expectBody().jsonPath("$.version").isEqualTo(2);
        as("viewer").get().uri("/frameworks/{c}/versions/latest", code).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.thresholds[0].minPoints").isEqualTo(60);
        as("viewer").get().uri("/frameworks/{c}/versions/9", code).exchange()
                    .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("FRAMEWORK_NOT_FOUND");
    }

    @Test
    void aFrameworkReadAsOfAnInstantIsTheVersionTheServiceKnewThen() throws InterruptedException {
        String code = "TEST-" + fresh("T").toUpperCase();
        java.time.Instant beforeFirst = java.time.Instant.now();
        Thread.sleep(5);
        as("admin").post().uri("/frameworks").bodyValue(document(code)).exchange().expectStatus().isCreated();
        Thread.sleep(5);
        java.time.Instant betweenVersions = java.time.Instant.now();
        Thread.sleep(5);
        Map<String, Object> changed = document(code);
        changed.put("title", "Khung thử nghiệm (sửa đổi)");
        as("admin").post().uri("/frameworks").bodyValue(changed).exchange().expectStatus().isCreated();

        as("auditor").get().uri("/frameworks/{c}/versions/latest?asOf={t}", code, betweenVersions).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1)
                     .jsonPath("$.title").isEqualTo("Khung thử nghiệm");
        as("auditor").get().uri("/frameworks/{c}/versions/2?asOf={t}", code, betweenVersions).exchange()
                     .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("FRAMEWORK_NOT_FOUND");
        as("auditor").get().uri("/frameworks/{c}/versions/latest?asOf={t}", code, beforeFirst).exchange()
                     .expectStatus().isNotFound();
        as("auditor").get().uri("/frameworks/{c}/versions/latest", code).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(2);
        as("auditor").get().uri("/frameworks?asOf={t}", betweenVersions).exchange().expectStatus().isOk().expectBody()
                     .jsonPath("$.items[?(@.code == '" + code + "')].latestVersion").isEqualTo(1)
                     .jsonPath("$.items[?(@.code == '" + code + "')].title").isEqualTo("Khung thử nghiệm");
        as("auditor").get().uri("/frameworks?asOf={t}", beforeFirst).exchange().expectStatus().isOk().expectBody()
                     .jsonPath("$.items[?(@.code == '" + code + "')]").isEmpty();
        as("auditor").get().uri("/frameworks").exchange().expectStatus().isOk().expectBody()
                     .jsonPath("$.items[?(@.code == '" + code + "')].latestVersion").isEqualTo(2);
    }

    @Test
    void aMalformedFrameworkIsRefusedNamingTheFieldAndOnlyAnAdminPublishes() {
        Map<String, Object> noPoints = document("TEST-BAD");
        noPoints.put("criteria", List.of(Map.of("code", "A", "name", "A",
                                                "indicators", List.of(Map.of("code", "A1", "name", "A1")))));
        as("admin").post().uri("/frameworks").bodyValue(noPoints).exchange()
                   .expectStatus().isBadRequest()
                   .expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED")
                   .jsonPath("$.errors[0].field").isEqualTo("criteria[0].indicators[0].maxPoints");
        Map<String, Object> typo = document("TEST-BAD");
        typo.put("threshold", List.of());
        as("admin").post().uri("/frameworks").bodyValue(typo).exchange()
                   .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("threshold");
        as("planner").post().uri("/frameworks").bodyValue(document("TEST-NOPE")).exchange()
                     .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN_ROLE");
    }

    @Test
    void theUniversalEducationStandardsAreListedAsSurveyStandardsAndNotOpenedAsAssessments() {
        waitForFramework("ND20-2014-XMC");
        waitForFramework("TT22-2020-DVHT");
        as("auditor").get().uri("/frameworks").exchange().expectStatus().isOk().expectBody()
                     .jsonPath("$.items[?(@.code == 'ND20-2014-XMC')].surveyStandard").isEqualTo(java.util.List.of(true))
                     .jsonPath("$.items[?(@.code == 'TT22-2020-DVHT')].surveyStandard").isEqualTo(java.util.List.of(false));
        String commune = provinceDistrictCommune()[2];
        as("assessor").post().uri("/assessments")
                      .bodyValue(java.util.Map.of("subjectUnitId", commune, "framework", "ND20-2014-XMC", "year", 2025,
                                                  "scores", java.util.List.of()))
                      .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("UNKNOWN_FRAMEWORK");
    }
}
