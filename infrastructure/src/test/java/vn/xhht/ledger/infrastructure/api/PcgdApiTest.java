package vn.xhht.ledger.infrastructure.api;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ward's universal-education and literacy survey as its officer records it: the levels it reaches with each ratio,
 * the same survey again storing nothing, a group larger than its cohort refused, the lock, and the unlock by a
 * higher level.
 */
class PcgdApiTest extends ApiTest {

    private static Map<String, Object> survey(long literate) {
        Map<String, Object> figures = new HashMap<>(Map.of("people15to60", 4000, "people15to60LiterateL2", literate,
                                                           "people15to35", 1500, "people15to35LiterateL1", 1400,
                                                           "children5", 200, "children5Attending", 190,
                                                           "children5CompletedPreschool", 170));
        return Map.of("figures", figures, "dbkk", false,
                      "conditionsMet", Map.of("ND20-2014-XMC", true, "ND20-2014-PCGD-MN5", true));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWardRecordsItsSurveySeesItsLevelsWithEachRatioAndLocksIt() {
        String[] ids = provinceDistrictCommune();
        String ward = ids[2];
        for (String code : List.of("ND20-2014-XMC", "ND20-2014-PCGD-MN5", "ND20-2014-PCGD-TH", "ND20-2014-PCGD-THCS")) {
            waitForFramework(code);
        }
        long version = ((Number) as("planner").put().uri("/units/{id}/pcgd-surveys/2025", ward).bodyValue(survey(3600))
                                              .exchange().expectStatus().isOk().expectBody(Map.class).returnResult()
                                              .getResponseBody().get("version")).longValue();
        as("planner").put().uri("/units/{id}/pcgd-surveys/2025", ward).bodyValue(survey(3600)).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo((int) version);

        Map<String, Object> levels = as("auditor").get()
                .uri("/units/{id}/pcgd-levels?year=2025", ward).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        List<Map<String, Object>> items = (List<Map<String, Object>>) levels.get("items");
        assertThat(items).extracting(i -> i.get("framework"))
                         .containsExactly("ND20-2014-XMC", "ND20-2014-PCGD-MN5", "ND20-2014-PCGD-TH", "ND20-2014-PCGD-THCS");
        assertThat(items).extracting(i -> i.get("result")).containsExactly("MUC_DO_2", "DAT", "NO_DATA", "NO_DATA");
        List<Map<String, Object>> xmc = (List<Map<String, Object>>) items.get(0).get("checks");
        assertThat(xmc).anySatisfy(check -> assertThat(check).containsEntry("indicator", "XMC2.1")
                                                            .containsEntry("numerator", 3600).containsEntry("denominator", 4000)
                                                            .containsEntry("min", 90).containsEntry("met", true));

        // one literate person fewer: 89.975 %, no rounding
        as("planner").put().uri("/units/{id}/pcgd-surveys/2025", ward).bodyValue(survey(3599)).exchange().expectStatus().isOk();
        as("auditor").get().uri("/units/{id}/pcgd-levels?year=2025", ward).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items[0].result").isEqualTo("MUC_DO_1");

        Map<String, Object> tooMany = new HashMap<>(survey(3600));
        tooMany.put("figures", Map.of("people15to60", 4000, "people15to60LiterateL2", 4001));
        as("planner").put().uri("/units/{id}/pcgd-surveys/2025", ward).bodyValue(tooMany).exchange()
                     .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("SCORE_OUT_OF_RANGE")
                     .jsonPath("$.errors[0].field").isEqualTo("figures.people15to60LiterateL2");
        as("planner").put().uri("/units/{id}/pcgd-surveys/2025", ids[1]).bodyValue(survey(3600)).exchange()
                     .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("INVALID_HIERARCHY");


        // locked at the reference date: changes refused until a higher level unlocks it with a reason
        as("planner").post().uri("/units/{id}/pcgd-surveys/2025/lock", ward).bodyValue(Map.of("reason", "Chốt số liệu 30/9/2025"))
                     .exchange().expectStatus().isOk().expectBody().jsonPath("$.locked").isEqualTo(true);
        as("planner").put().uri("/units/{id}/pcgd-surveys/2025", ward).bodyValue(survey(3600)).exchange()
                     .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("PERIOD_CLOSED");
        as("planner").post().uri("/units/{id}/pcgd-surveys/2025/unlock", ward).bodyValue(Map.of("reason", " "))
                     .exchange().expectStatus().isBadRequest();
        as("planner").post().uri("/units/{id}/pcgd-surveys/2025/unlock", ward)
                     .bodyValue(Map.of("reason", "Bổ sung số liệu sau kiểm tra của huyện")).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.locked").isEqualTo(false)
                     .jsonPath("$.lastChange.reason").isEqualTo("Bổ sung số liệu sau kiểm tra của huyện");
        as("auditor").get().uri("/units/{id}/history", ward).exchange().expectStatus().isOk().expectBody(String.class)
                     .value(history -> assertThat(history).contains("khóa số liệu điều tra PCGD-XMC năm 2025"));

        // the district recognises the level the survey reaches (3,599 of 4,000: XMC 1), not one it does not
        as("recognizer").post().uri("/recognitions").bodyValue(literacy(ward, "MUC_DO_2")).exchange()
                        .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("CONCLUSION_MISMATCH");
        as("recognizer").post().uri("/recognitions").bodyValue(literacy(ward, "MUC_DO_1")).exchange()
                        .expectStatus().isCreated().expectBody().jsonPath("$.framework").isEqualTo("ND20-2014-XMC")
                        .jsonPath("$.validThrough").isEqualTo("2025-12-31");
        // the district's share: its one commune recognised at XMC 1 — 100 % at level 1, none at level 2
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        Object result = null;
        while (!"MUC_DO_1".equals(result) && System.nanoTime() < deadline) {
            Map<String, Object> district = as("auditor").get().uri("/units/{id}/pcgd-levels?year=2025", ids[1]).exchange()
                                                        .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            result = ((List<Map<String, Object>>) district.get("items")).get(0).get("result");
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertThat(result).isEqualTo("MUC_DO_1");
        as("auditor").get().uri("/units/{id}/pcgd-levels?year=2025", ids[1]).exchange().expectBody()
                     .jsonPath("$.items[0].checks[0].numerator").isEqualTo(1).jsonPath("$.items[0].checks[0].denominator").isEqualTo(1)
                     .jsonPath("$.items[0].checks[1].numerator").isEqualTo(0);
        as("recognizer").post().uri("/recognitions").bodyValue(literacy(ids[1], "MUC_DO_2")).exchange()
                        .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("CONCLUSION_MISMATCH");
        as("recognizer").post().uri("/recognitions").bodyValue(literacy(ids[1], "MUC_DO_1")).exchange()
                        .expectStatus().isCreated();

        // the indicators count the district's communes recognised at each level or higher, over its communes
        Map<String, Object> xmc1 = awaitIndicator(ids[1], "COMMUNES_XMC_1", 1);
        assertThat(xmc1).containsEntry("denominator", 1).containsEntry("value", 1.0);
        assertThat(awaitIndicator(ids[1], "COMMUNES_XMC_2", 0)).containsEntry("denominator", 1);
        assertThat(awaitIndicator(ids[0], "COMMUNES_XMC_1", 1)).containsEntry("denominator", 1);

        // the levels as workbooks: the ward's every ratio; the district's with each ward's recognised level
        assertThat(workbookText(ward)).contains("XMC2.1").contains("3599.0").contains("4000.0").contains("2025-09-30");
        assertThat(workbookText(ids[1])).contains(ward).contains("MUC_DO_1").contains("Chưa công nhận");
        as("auditor").get().uri("/units/{id}/pcgd-levels?year=2025&format=pdf", ward).exchange()
                     .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("format");
    }

    private String workbookText(String unit) {
        byte[] bytes = as("auditor").get().uri("/units/{id}/pcgd-levels?year=2025&format=xlsx", unit).exchange()
                                    .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        StringBuilder text = new StringBuilder();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(bytes))) {
            workbook.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> text.append(cell).append('|'))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return text.toString();
    }

    @Test
    void theDistrictRecognisesItsCommunesLevelsUntilTheReformAndTheProvinceAfter() {
        String province = fresh("tinh");
        register(province, "PROVINCE", null, "2020-01-01");
        cuChiUnder(province);
        String commune = fresh("xa");
        register(commune, "COMMUNE", "cu-chi", "2020-01-01");
        waitForFramework("ND20-2014-XMC");
        for (int year : List.of(2024, 2025)) {
            as("planner").put().uri("/units/{id}/pcgd-surveys/{y}", commune, year).bodyValue(survey(3600)).exchange()
                         .expectStatus().isOk();
        }
        as("auditor").get().uri("/units/{id}/pcgd-levels?year=2024", commune).exchange().expectStatus().isOk().expectBody()
                     .jsonPath("$.referenceDate").isEqualTo("2024-09-30").jsonPath("$.recognisedBy").isEqualTo("DISTRICT");
        as("auditor").get().uri("/units/{id}/pcgd-levels?year=2025", commune).exchange().expectStatus().isOk().expectBody()
                     .jsonPath("$.recognisedBy").isEqualTo("PROVINCE");

        // cuchi (RECOGNIZER for huyện Củ Chi) recognised its communes in 2024, not after the district's end of power
        as("cuchi").post().uri("/recognitions").bodyValue(Map.of("title", "XMC", "subjectUnitId", commune, "year", 2024,
                                                                 "level", "MUC_DO_2", "decisionNumber", "7/QĐ-UBND",
                                                                 "decidedOn", "2024-11-20"))
                   .exchange().expectStatus().isCreated();
        as("cuchi").post().uri("/recognitions").bodyValue(literacy(commune, "MUC_DO_2")).exchange()
                   .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("NOT_IN_SCOPE");
        as("recognizer").post().uri("/recognitions").bodyValue(literacy(commune, "MUC_DO_2")).exchange()
                        .expectStatus().isCreated();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitIndicator(String unit, String indicator, long numerator) {
        Map<String, Object> row = null;
        for (int i = 0; i < 200; i++) {
            Map<String, Object> table = as("auditor").get().uri("/indicators?unitId={u}&year=2025", unit).exchange()
                                                     .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            row = ((List<Map<String, Object>>) table.get("items")).stream()
                    .filter(r -> indicator.equals(r.get("indicator"))).findFirst().orElseThrow();
            if (((Number) row.get("numerator")).longValue() == numerator) {
                return row;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError(indicator + " of " + unit + " never counted " + numerator + ": " + row);
    }

    private static Map<String, Object> literacy(String unit, String level) {
        return Map.of("title", "XMC", "subjectUnitId", unit, "year", 2025, "level", level,
                      "decisionNumber", "45/QĐ-UBND", "decidedOn", "2025-11-20");
    }
}
