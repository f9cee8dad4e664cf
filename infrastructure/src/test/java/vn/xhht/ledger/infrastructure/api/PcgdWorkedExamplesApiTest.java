package vn.xhht.ledger.infrastructure.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * DOMAIN-2.md §4's worked examples as a commune's officer and a district's see them over HTTP, with their exact
 * figures: the threshold and one below, the especially difficult (ĐBKK) commune, a district at 19 and 18 of its 21
 * communes, a province at 9 of 10 districts. (Example 9, the due day's last second, is ObligationAggregateTest's.)
 */
class PcgdWorkedExamplesApiTest extends ApiTest {

    private static final Map<String, Boolean> CONDITIONS = Map.of("ND20-2014-XMC", true, "ND20-2014-PCGD-MN5", true,
                                                                  "ND20-2014-PCGD-TH", true, "ND20-2014-PCGD-THCS", true);

    private static Map<String, Object> survey(boolean dbkk, Object... figures) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < figures.length; i += 2) {
            map.put((String) figures[i], figures[i + 1]);
        }
        return Map.of("figures", map, "dbkk", dbkk, "conditionsMet", CONDITIONS);
    }

    static Stream<Arguments> communes() {
        return Stream.of(
                arguments("1: 3,600 of 4,000 aged 15-60 at level 2 → XMC 2", "ND20-2014-XMC",
                          survey(false, "people15to60", 4000, "people15to60LiterateL2", 3600), "MUC_DO_2"),
                arguments("1: 3,599 of 4,000 (89.975 %, no rounding) → not met", "ND20-2014-XMC",
                          survey(false, "people15to60", 4000, "people15to60LiterateL2", 3599), "CHUA_DAT"),
                arguments("2: 905 of 1,000 aged 15-35, ĐBKK → XMC 2", "ND20-2014-XMC",
                          survey(true, "people15to35", 1000, "people15to35LiterateL2", 905), "MUC_DO_2"),
                arguments("2: the same for an ordinary commune → no 15-60 figures", "ND20-2014-XMC",
                          survey(false, "people15to35", 1000, "people15to35LiterateL2", 905), "NO_DATA"),
                arguments("3: 450 of 500 aged 15-25, ĐBKK → XMC 1", "ND20-2014-XMC",
                          survey(true, "people15to25", 500, "people15to25LiterateL1", 450), "MUC_DO_1"),
                arguments("4: 190 and 170 of 200 five-year-olds → DAT", "ND20-2014-PCGD-MN5",
                          survey(false, "children5", 200, "children5Attending", 190, "children5CompletedPreschool", 170), "DAT"),
                arguments("4: 180 and 160 of 200, ĐBKK → DAT", "ND20-2014-PCGD-MN5",
                          survey(true, "children5", 200, "children5Attending", 180, "children5CompletedPreschool", 160), "DAT"),
                arguments("4: 180 and 160 of 200, ordinary → CHUA_DAT", "ND20-2014-PCGD-MN5",
                          survey(false, "children5", 200, "children5Attending", 180, "children5CompletedPreschool", 160), "CHUA_DAT"),
                arguments("5: one 11-year-old out of school → TH 1", "ND20-2014-PCGD-TH",
                          survey(false, "children6", 150, "children6InGrade1", 147, "children11", 120,
                                 "children11CompletedPrimary", 108, "children11InPrimary", 11, "children14", 110,
                                 "children14CompletedPrimary", 100), "MUC_DO_1"),
                arguments("6: TH 1 and XMC 1 met, 640 of 800 in upper secondary → THCS 3", "ND20-2014-PCGD-THCS",
                          lowerSecondary(640), "MUC_DO_3"),
                arguments("6: 639 of 800 (79.875 %) → THCS 2", "ND20-2014-PCGD-THCS", lowerSecondary(639), "MUC_DO_2"));
    }

    /** Example 6's figures with those of example 5 (TH 1) and a literate population (XMC 1) of the same year. */
    private static Map<String, Object> lowerSecondary(int upper) {
        return survey(false, "youth15to18", 800, "youth15to18LowerSecondaryGraduates", 760,
                      "youth15to18InUpperSecondaryOrVocational", upper,
                      "children6", 150, "children6InGrade1", 147, "children11", 120, "children11CompletedPrimary", 108,
                      "children11InPrimary", 11, "children14", 110, "children14CompletedPrimary", 100,
                      "people15to60", 4000, "people15to60LiterateL2", 3400, "people15to35", 1500, "people15to35LiterateL1", 1400);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("communes")
    @SuppressWarnings("unchecked")
    void aCommunesLevelIsWhatItsSurveyReaches(String example, String standard, Map<String, Object> survey, String result) {
        String[] ids = provinceDistrictCommune();
        waitForFramework(standard);
        as("planner").put().uri("/units/{id}/pcgd-surveys/2024", ids[2]).bodyValue(survey).exchange().expectStatus().isOk();
        Map<String, Object> levels = as("auditor").get().uri("/units/{id}/pcgd-levels?year=2024", ids[2]).exchange()
                                                  .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Map<String, Object>>) levels.get("items"))
                .filteredOn(item -> standard.equals(item.get("framework")))
                .singleElement().satisfies(item -> assertThat(item.get("result")).as(example).isEqualTo(result));
    }

    private static final Map<String, Object> XMC_2 = survey(false, "people15to60", 4000, "people15to60LiterateL2", 3600);
    private static final Map<String, Object> XMC_1 = survey(false, "people15to60", 4000, "people15to60LiterateL2", 3500,
                                                            "people15to35", 1500, "people15to35LiterateL1", 1400);

    /** A commune under {@code parent} whose 2024 survey reaches {@code level} and which is recognised at it. */
    private String recognisedCommune(String parent, String level) {
        String commune = fresh("xa");
        register(commune, "COMMUNE", parent, "2020-01-01");
        as("planner").put().uri("/units/{id}/pcgd-surveys/2024", commune).bodyValue(level.equals("MUC_DO_2") ? XMC_2 : XMC_1)
                     .exchange().expectStatus().isOk();
        return recognise(commune, level);
    }

    private String recognise(String unit, String level) {
        String location = as("recognizer").post().uri("/recognitions")
                .bodyValue(Map.of("title", "XMC", "subjectUnitId", unit, "year", 2024, "level", level,
                                  "decisionNumber", "9/QĐ-UBND", "decidedOn", "2024-11-20"))
                .exchange().expectStatus().isCreated().returnResult(String.class).getResponseHeaders().getLocation().getPath();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The unit's XMC outcome once its children's recognitions are in the view (the roll-up reads them). */
    private Map<String, Object> xmcOnceCounted(String unit, int recognisedAtLevel2) {
        return xmcOnceCounted(unit, 1, recognisedAtLevel2);
    }

    /** The same, once {@code count} children are counted at level {@code check + 1} or higher. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> xmcOnceCounted(String unit, int check, int count) {
        Map<String, Object> xmc = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            Map<String, Object> levels = as("auditor").get().uri("/units/{id}/pcgd-levels?year=2024", unit).exchange()
                                                      .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            xmc = ((List<Map<String, Object>>) levels.get("items")).get(0);
            List<Map<String, Object>> checks = (List<Map<String, Object>>) xmc.get("checks");
            if (((Number) checks.get(check).get("numerator")).intValue() == count) {
                return xmc;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("never counted " + count + " at level " + (check + 1) + ": " + xmc);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDistrictOf21CommunesReachesXmc2With19AndNotWith18() {
        String province = fresh("tinh");
        String district = fresh("cu-chi");
        register(province, "PROVINCE", null, "2020-01-01");
        register(district, "DISTRICT", province, "2020-01-01");
        waitForFramework("ND20-2014-XMC");
        List<String> atLevel2 = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            atLevel2.add(recognisedCommune(district, "MUC_DO_2"));
        }
        for (int i = 0; i < 2; i++) {
            recognisedCommune(district, "MUC_DO_1");
        }
        Map<String, Object> xmc = xmcOnceCounted(district, 19);
        assertThat(xmc.get("result")).isEqualTo("MUC_DO_2");
        Map<String, Object> level2 = ((List<Map<String, Object>>) xmc.get("checks")).get(1);
        assertThat(level2).containsEntry("numerator", 19).containsEntry("denominator", 21).containsEntry("met", true);
        assertThat(level2.get("value").toString()).startsWith("90.47");

        as("recognizer").post().uri("/recognitions/{id}/revoke", atLevel2.get(0))
                        .bodyValue(Map.of("reason", "Kiểm tra lại: số liệu không đúng")).exchange().expectStatus().isOk();
        xmc = xmcOnceCounted(district, 18);
        assertThat(xmc.get("result")).isEqualTo("MUC_DO_1");
        assertThat(((List<Map<String, Object>>) xmc.get("checks")).get(1)).containsEntry("met", false);
    }

    @Test
    void aProvinceOf10DistrictsWith9AtXmc2ReachesXmc1Only() {
        String province = fresh("tinh");
        register(province, "PROVINCE", null, "2020-01-01");
        waitForFramework("ND20-2014-XMC");
        for (int i = 0; i < 10; i++) {
            String district = fresh("huyen");
            register(district, "DISTRICT", province, "2020-01-01");
            String level = i < 9 ? "MUC_DO_2" : "MUC_DO_1";
            recognisedCommune(district, level);
            xmcOnceCounted(district, 0, 1);
            recognise(district, level);
        }
        Map<String, Object> xmc = xmcOnceCounted(province, 9);
        assertThat(xmc.get("result")).isEqualTo("MUC_DO_1");
        as("recognizer").post().uri("/recognitions")
                        .bodyValue(Map.of("title", "XMC", "subjectUnitId", province, "year", 2024, "level", "MUC_DO_2",
                                          "decisionNumber", "1/QĐ-BGDĐT", "decidedOn", "2024-12-20"))
                        .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("CONCLUSION_MISMATCH");
    }
}
