package vn.xhht.ledger.infrastructure.framework;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.pcgd.Standards;
import vn.xhht.ledger.domain.pcgd.Standards.Outcome;
import vn.xhht.ledger.domain.pcgd.Survey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The universal-education and literacy standards as the repository's documents state them (frameworks/ND20-*.yml),
 * on DOMAIN-2.md §4's worked examples: each at its threshold and one below, the especially difficult (ĐBKK) commune,
 * the district's share at 19 and 18 of 21 communes, the province at 9 of 10 districts.
 */
class StandardsWorkedExamplesTest {

    private static CriteriaFramework standard(String code) throws Exception {
        Path file = Path.of("..", "frameworks", code + ".v1.yml");
        CriteriaFramework document = FrameworkDocuments.fromYaml(Files.readAllBytes(file), file.toString());
        assertThat(document.problems()).as("%s is a valid document", code).isEmpty();
        return document.published(1);
    }

    private static Survey survey(boolean dbkk, Object... figures) {
        Map<String, Long> map = new HashMap<>();
        for (int i = 0; i < figures.length; i += 2) {
            map.put((String) figures[i], ((Number) figures[i + 1]).longValue());
        }
        return new Survey(map, dbkk, Map.of("ND20-2014-XMC", true, "ND20-2014-PCGD-MN5", true, "ND20-2014-PCGD-TH", true,
                                            "ND20-2014-PCGD-THCS", true));
    }

    private static Outcome evaluate(String code, Survey survey, Map<String, Set<String>> elsewhere) throws Exception {
        return Standards.evaluate(standard(code), survey, other -> elsewhere.getOrDefault(other, Set.of()));
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> communes() {
        return Stream.of(
                // 1. ordinary commune, 4,000 aged 15–60, 3,600 at level 2: 90.00 % → XMC 2; 3,599 (89.975 %) → not met
                arguments("1: 3,600 of 4,000 aged 15-60 at level 2", "ND20-2014-XMC",
                          survey(false, "people15to60", 4000, "people15to60LiterateL2", 3600), "MUC_DO_2"),
                arguments("1: 3,599 of 4,000 (no rounding)", "ND20-2014-XMC",
                          survey(false, "people15to60", 4000, "people15to60LiterateL2", 3599), "CHUA_DAT"),
                // 2. 1,000 aged 15–35, 905 at level 2: XMC 2 only for an ĐBKK commune; an ordinary one has no 15–60 figures
                arguments("2: 905 of 1,000 aged 15-35, ĐBKK", "ND20-2014-XMC",
                          survey(true, "people15to35", 1000, "people15to35LiterateL2", 905), "MUC_DO_2"),
                arguments("2: the same, an ordinary commune", "ND20-2014-XMC",
                          survey(false, "people15to35", 1000, "people15to35LiterateL2", 905), "NO_DATA"),
                // 3. ĐBKK, 500 aged 15–25, 450 at level ≥ 1 → XMC 1
                arguments("3: 450 of 500 aged 15-25, ĐBKK", "ND20-2014-XMC",
                          survey(true, "people15to25", 500, "people15to25LiterateL1", 450), "MUC_DO_1"),
                arguments("3: 449 of 500", "ND20-2014-XMC",
                          survey(true, "people15to25", 500, "people15to25LiterateL1", 449), "CHUA_DAT"),
                // 4. MN5: 200 five-year-olds, 190 attending, 170 completed → DAT; 180 and 160: DAT only if ĐBKK
                arguments("4: 190 and 170 of 200", "ND20-2014-PCGD-MN5",
                          survey(false, "children5", 200, "children5Attending", 190, "children5CompletedPreschool", 170), "DAT"),
                arguments("4: 180 and 160 of 200, ĐBKK", "ND20-2014-PCGD-MN5",
                          survey(true, "children5", 200, "children5Attending", 180, "children5CompletedPreschool", 160), "DAT"),
                arguments("4: 180 and 160 of 200, ordinary", "ND20-2014-PCGD-MN5",
                          survey(false, "children5", 200, "children5Attending", 180, "children5CompletedPreschool", 160), "CHUA_DAT"),
                // 5. TH: 147/150 in grade 1, 108/120 eleven-year-olds completed, 11 in primary, 1 out of school,
                //    100/110 fourteen-year-olds completed → TH 2 and TH 3 fail "the other 11-year-olds all in primary"
                arguments("5: one 11-year-old out of school", "ND20-2014-PCGD-TH",
                          survey(false, "children6", 150, "children6InGrade1", 147, "children11", 120,
                                 "children11CompletedPrimary", 108, "children11InPrimary", 11, "children14", 110,
                                 "children14CompletedPrimary", 100), "MUC_DO_1"),
                arguments("5: the same with that child in primary", "ND20-2014-PCGD-TH",
                          survey(false, "children6", 150, "children6InGrade1", 147, "children11", 120,
                                 "children11CompletedPrimary", 108, "children11InPrimary", 12, "children14", 110,
                                 "children14CompletedPrimary", 100), "MUC_DO_3"));
    }

    @ParameterizedTest(name = "{0} → {3}")
    @MethodSource("communes")
    void aCommunesStandardIsTheHighestLevelItsSurveyReaches(String example, String code, Survey survey, String result)
            throws Exception {
        assertThat(evaluate(code, survey, Map.of()).result()).isEqualTo(result);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> lowerSecondary() {
        return Stream.of(arguments(640, "MUC_DO_3"), arguments(639, "MUC_DO_2"));
    }

    /** 6. TH 1 and XMC 1 met: 800 aged 15–18, 760 graduates (95 %), 640 in upper secondary (80 %) → THCS 3; 639 → THCS 2. */
    @ParameterizedTest(name = "{0} of 800 in upper secondary → {1}")
    @MethodSource("lowerSecondary")
    void lowerSecondaryStandsOnPrimaryAndLiteracyInTheSameYear(int upper, String result) throws Exception {
        Survey survey = survey(false, "youth15to18", 800, "youth15to18LowerSecondaryGraduates", 760,
                               "youth15to18InUpperSecondaryOrVocational", upper);
        Map<String, Set<String>> met = Map.of("ND20-2014-PCGD-TH", Set.of("MUC_DO_1"), "ND20-2014-XMC", Set.of("MUC_DO_1"));
        assertThat(evaluate("ND20-2014-PCGD-THCS", survey, met).result()).isEqualTo(result);
    }

    @Test
    void lowerSecondaryIsNotReachedWithoutLiteracyLevelOneThatYear() throws Exception {
        Survey survey = survey(false, "youth15to18", 800, "youth15to18LowerSecondaryGraduates", 760,
                               "youth15to18InUpperSecondaryOrVocational", 640);
        Outcome outcome = evaluate("ND20-2014-PCGD-THCS", survey, Map.of("ND20-2014-PCGD-TH", Set.of("MUC_DO_1")));
        assertThat(outcome.result()).isEqualTo("CHUA_DAT");
        assertThat(outcome.checks()).anySatisfy(check -> {
            assertThat(check.indicator()).isEqualTo("THCS.P1X");
            assertThat(check.met()).isFalse();
        });
    }

    @Test
    void aStandardIsNotReachedWithoutItsResourceConditions() throws Exception {
        Survey unmet = new Survey(Map.of("people15to60", 4000L, "people15to60LiterateL2", 3600L), false,
                                  Map.of("ND20-2014-XMC", false));
        assertThat(Standards.evaluate(standard("ND20-2014-XMC"), unmet, other -> Set.of()).result()).isEqualTo("CHUA_DAT");
    }

    @Test
    void everyRatioIsShownWithItsFiguresShareAndMinimum() throws Exception {
        Outcome outcome = evaluate("ND20-2014-XMC", survey(false, "people15to60", 4000, "people15to60LiterateL2", 3600), Map.of());
        assertThat(outcome.checks()).anySatisfy(check -> {
            assertThat(check.indicator()).isEqualTo("XMC2.1");
            assertThat(check.numerator()).isEqualTo(3600);
            assertThat(check.denominator()).isEqualTo(4000);
            assertThat(check.value()).isEqualByComparingTo("90");
            assertThat(check.min()).isEqualByComparingTo("90");
            assertThat(check.met()).isTrue();
        });
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> rollUps() {
        return Stream.of(
                // 7. a district of 21 communes (Củ Chi): 19 at XMC 2 → 90.48 % ≥ 90; 18 → 85.71 %; THCS 3 needs all
                arguments("ND20-2014-XMC", "MUC_DO_2", "DISTRICT", 19, 21, true),
                arguments("ND20-2014-XMC", "MUC_DO_2", "DISTRICT", 18, 21, false),
                arguments("ND20-2014-PCGD-THCS", "MUC_DO_3", "DISTRICT", 20, 21, false),
                arguments("ND20-2014-PCGD-THCS", "MUC_DO_3", "DISTRICT", 21, 21, true),
                // 8. a province of 10 districts: 10 at XMC 1, 9 at XMC 2 → XMC 1, not XMC 2
                arguments("ND20-2014-XMC", "MUC_DO_1", "PROVINCE", 10, 10, true),
                arguments("ND20-2014-XMC", "MUC_DO_2", "PROVINCE", 9, 10, false));
    }

    @ParameterizedTest(name = "{0} {1} for a {2}: {3} of {4} → {5}")
    @MethodSource("rollUps")
    void aDistrictOrProvinceReachesALevelByTheShareOfItsUnitsRecognisedAtIt(String code, String level, String kind,
                                                                          long recognised, long of, boolean reached)
            throws Exception {
        assertThat(Standards.rollsUp(standard(code), level, kind, recognised, of)).isEqualTo(reached);
    }
}
