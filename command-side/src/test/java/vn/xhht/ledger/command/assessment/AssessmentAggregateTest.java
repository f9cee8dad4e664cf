package vn.xhht.ledger.command.assessment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.Adjustment;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentOpenedEvent;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentReviewedEvent;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.Conclusion;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.OpenAssessmentCommand;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.ReviewAssessmentCommand;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.Score;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.SubmitAssessmentCommand;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Indicator;
import vn.xhht.ledger.domain.framework.CriteriaFramework.IndicatorKind;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * The assessment's rules under the repository's own framework documents: each level's edge (at the target and one
 * below) for TT24 and TT25, the caps of TT22, and an assessment that keeps the version it was opened under.
 */
class AssessmentAggregateTest {

    private static final int YEAR = 2025;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Map<String, CriteriaFramework> DOCUMENTS = new HashMap<>();

    private FixtureConfiguration<AssessmentAggregate> fixture;

    static CriteriaFramework document(String code, int version) {
        return DOCUMENTS.computeIfAbsent(code + ".v" + version, name -> {
            try {
                return YAML.readValue(Files.readAllBytes(Path.of("..", "frameworks", name + ".yml")),
                                      CriteriaFramework.class);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @BeforeEach
    void setUp() {
        fixture = AssessmentFixtures.fixture((code, version) -> document(code, version == null ? 2 : version));
    }

    @Test
    void cannotOpenASelfAssessmentUnderASurveyStandard() {
        fixture = AssessmentFixtures.fixture((code, version) -> document("ND20-2014-XMC", 1));
        fixture.givenNoPriorActivity()
               .when(new vn.xhht.ledger.domain.assessment.AssessmentMessages.OpenAssessmentCommand(
                       "a1", "xa-a", "ND20-2014-XMC", 1, YEAR, null, java.util.List.of()))
               .expectException(predicate(e -> e instanceof vn.xhht.ledger.domain.common.DomainException d
                       && d.code() == vn.xhht.ledger.domain.common.ErrorCode.UNKNOWN_FRAMEWORK));
    }

    // ------------------------------------------------------------------ TT 24/2023, district-level units

    /** Every TT24 value at its level-1 target: conditions met, every share exactly 90 of 100. */
    private static Map<String, Score> tt24AtLevelOne() {
        return valuesAt(document("TT24-2023-DVHT", 2), "MUC_DO_1");
    }

    @Test
    void canReachLevelOneOfTt24WithEveryShareExactlyAtNinetyPercent() {
        opening("TT24-2023-DVHT", tt24AtLevelOne()).expectEventsMatching(opened("MUC_DO_1"));
    }

    @Test
    void canReachLevelTwoOfTt24WhenTheCitizenShareIsExactlyNinetyFivePercent() {
        opening("TT24-2023-DVHT", with(tt24AtLevelOne(), ratio("TC2.3", 95, 100))).expectEventsMatching(opened("MUC_DO_2"));
    }

    @Test
    void cannotReachLevelTwoOfTt24WhenTheCitizenShareIsOneBelowNinetyFive() {
        opening("TT24-2023-DVHT", with(tt24AtLevelOne(), ratio("TC2.3", 94, 100))).expectEventsMatching(opened("MUC_DO_1"));
    }

    @Test
    void cannotReachLevelOneOfTt24WhenTheCitizenShareIsOneBelowNinety() {
        opening("TT24-2023-DVHT", with(tt24AtLevelOne(), ratio("TC2.3", 89, 100))).expectEventsMatching(opened("CHUA_DAT"));
    }

    @Test
    void cannotReachLevelOneOfTt24WhenTheDisciplineShareIsOneBelowNinety() {
        opening("TT24-2023-DVHT", with(tt24AtLevelOne(), ratio("TC2.1", 89, 100))).expectEventsMatching(opened("CHUA_DAT"));
    }

    @Test
    void cannotReachAnyLevelOfTt24WhenOneOfTheFiveConditionsIsNotMet() {
        opening("TT24-2023-DVHT", with(tt24AtLevelOne(), met("TC1.3", false))).expectEventsMatching(opened("CHUA_DAT"));
    }

    @Test
    void canReachLevelTwoOfTheProvincialTt24AtNinetyFiveAndNotAtNinetyFour() {
        Map<String, Score> atLevelTwo = valuesAt(document("TT24-2023-DVHT-TINH", 1), "MUC_DO_2");
        openingVersion("TT24-2023-DVHT-TINH", 1, atLevelTwo).expectEventsMatching(opened("MUC_DO_2"));
        setUp();
        openingVersion("TT24-2023-DVHT-TINH", 1, with(atLevelTwo, ratio("TC2.3", 94, 100)))
                .expectEventsMatching(opened("MUC_DO_1"));
    }

    // ------------------------------------------------------------------ TT 25/2023, communes

    @Test
    void canReachLevelOneOfTt25WithEveryTargetExactlyMet() {
        opening("TT25-2023-CDHT-XA", valuesAt(document("TT25-2023-CDHT-XA", 2), "MUC_DO_1"))
                .expectEventsMatching(opened("MUC_DO_1"));
    }

    @Test
    void canReachLevelTwoOfTt25WithTheSameCriteriaAtTheirHigherTargets() {
        opening("TT25-2023-CDHT-XA", valuesAt(document("TT25-2023-CDHT-XA", 2), "MUC_DO_2"))
                .expectEventsMatching(opened("MUC_DO_2"));
    }

    @Test
    void cannotReachLevelTwoOfTt25WhenAnEffectShareIsOneBelowItsLevelTwoTarget() {
        Map<String, Score> values = valuesAt(document("TT25-2023-CDHT-XA", 2), "MUC_DO_2");
        opening("TT25-2023-CDHT-XA", with(values, ratio("TC5.1", 69, 100))).expectEventsMatching(opened("MUC_DO_1"));
    }

    @Test
    void cannotReachLevelTwoOfTt25WhenTheLiteracyLevelIsOneBelowItsLevelTwoTarget() {
        Map<String, Score> values = valuesAt(document("TT25-2023-CDHT-XA", 2), "MUC_DO_2");
        opening("TT25-2023-CDHT-XA", with(values, count("TC4.1", 1))).expectEventsMatching(opened("MUC_DO_1"));
    }

    @Test
    void cannotReachLevelOneOfTt25WhenAnEffectShareIsOneBelowItsLevelOneTarget() {
        Map<String, Score> values = valuesAt(document("TT25-2023-CDHT-XA", 2), "MUC_DO_1");
        opening("TT25-2023-CDHT-XA", with(values, ratio("TC5.2", 59, 100))).expectEventsMatching(opened("CHUA_DAT"));
    }

    @Test
    void cannotReachLevelOneOfTt25WhenTheUniversalPrimaryLevelIsOneBelowItsTarget() {
        Map<String, Score> values = valuesAt(document("TT25-2023-CDHT-XA", 2), "MUC_DO_1");
        opening("TT25-2023-CDHT-XA", with(values, count("TC4.2", 1))).expectEventsMatching(opened("CHUA_DAT"));
    }

    @Test
    void cannotGiveARatioWhoseNumeratorIsAboveItsDenominator() {
        opening("TT25-2023-CDHT-XA", Map.of("TC5.1", ratio("TC5.1", 101, 100)))
                .expectException(DomainException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("above its denominator"));
    }

    @Test
    void cannotGiveACountThatIsNotAWholeNumberOrAMetForARatio() {
        opening("TT25-2023-CDHT-XA", Map.of("TC4.1", new Score("TC4.1", null, null, null, null, null, new BigDecimal("1.5"))))
                .expectException(DomainException.class);
        setUp();
        opening("TT25-2023-CDHT-XA", Map.of("TC5.1", met("TC5.1", true))).expectException(DomainException.class);
    }

    // ------------------------------------------------------------------ TT 22/2020, points

    static Stream<Indicator> tt22Indicators() {
        return document("TT22-2020-DVHT", 2).indicators().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tt22Indicators")
    void canScoreATt22IndicatorAtItsCapButNotOnePointAbove(Indicator indicator) {
        opening("TT22-2020-DVHT", Map.of(indicator.code(), points(indicator.code(), indicator.maxPoints())))
                .expectSuccessfulHandlerExecution();
        setUp();
        opening("TT22-2020-DVHT", Map.of(indicator.code(), points(indicator.code(), indicator.maxPoints().add(BigDecimal.ONE))))
                .expectException(DomainException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("takes 0.." + indicator.maxPoints()));
    }

    @Test
    void canScoreTwentyFivePointsForTheCompetenciesOfTt22WhichTheFirstVersionCappedAtTen() {
        opening("TT22-2020-DVHT", Map.of("TC3.1", points("TC3.1", new BigDecimal("25")))).expectSuccessfulHandlerExecution();
        setUp();
        openingVersion("TT22-2020-DVHT", 1, Map.of("TC3.1", points("TC3.1", new BigDecimal("25"))))
                .expectException(DomainException.class);
    }

    // ------------------------------------------------------------------ versions and review

    @Test
    void canReviewUnderTheVersionTheAssessmentWasOpenedUnderAfterANewerOneExists() {
        // TT24 version 1: TC1.3 and TC2.2 and TC3.2 were level-2-only conditions; all met is MUC_DO_2 there
        CriteriaFramework first = document("TT24-2023-DVHT", 1);
        Map<String, Score> allMet = new LinkedHashMap<>();
        first.indicators().forEach(i -> allMet.put(i.code(), met(i.code(), true)));
        fixture.givenCommands(open("TT24-2023-DVHT", 1, allMet), new SubmitAssessmentCommand("a1", null))
               .when(new ReviewAssessmentCommand("a1", List.of(new Adjustment("TC3.2", null, false, "Chưa có minh chứng")),
                                                 new Conclusion("MUC_DO_1", "MUC_DO_1"), null))
               .expectEventsMatching(payloadsMatching(exactSequenceOf(
                       predicate(e -> e instanceof AssessmentReviewedEvent r && r.result().equals("MUC_DO_1")
                                      && r.adjustments().get(0).selfValue().met()),
                       andNoMore())));
    }

    @Test
    void canReviewARatioDownWithAReasonKeepingTheSelfAssessedValueBesideIt() {
        fixture.givenCommands(open("TT24-2023-DVHT", null, tt24AtLevelOne()), new SubmitAssessmentCommand("a1", null))
               .when(new ReviewAssessmentCommand("a1", List.of(new Adjustment("TC2.3", null, null, "Danh sách thiếu 2 người",
                                                                               new BigDecimal("88"), new BigDecimal("100"), null)),
                                                 new Conclusion("CHUA_DAT", null), null))
               .expectEventsMatching(payloadsMatching(exactSequenceOf(
                       predicate(e -> e instanceof AssessmentReviewedEvent r && r.result().equals("CHUA_DAT")
                                      && r.adjustments().get(0).selfNumerator().intValue() == 90
                                      && r.adjustments().get(0).numerator().intValue() == 88),
                       andNoMore())));
    }

    @Test
    void cannotConcludeALevelTheReviewedRatiosDoNotReach() {
        fixture.givenCommands(open("TT24-2023-DVHT", null, tt24AtLevelOne()), new SubmitAssessmentCommand("a1", null))
               .when(new ReviewAssessmentCommand("a1", List.of(new Adjustment("TC2.3", null, null, "r",
                                                                               new BigDecimal("89"), new BigDecimal("100"), null)),
                                                 new Conclusion("MUC_DO_1", "MUC_DO_1"), null))
               .expectException(DomainException.class)
               .expectExceptionMessage(org.hamcrest.Matchers.containsString("the result is CHUA_DAT"));
    }

    // ------------------------------------------------------------------ refusals of a self-assessment

    @Test
    void cannotScoreAnIndicatorOutsideTheFramework() {
        opening("TT22-2020-DVHT", Map.of("TC9.9", points("TC9.9", BigDecimal.ONE)))
                .expectException(refused(ErrorCode.UNKNOWN_INDICATOR, Field.of("scores").at(0).dot("indicator")));
    }

    @Test
    void cannotScoreAPointsIndicatorBelowZeroOrAsMet() {
        opening("TT22-2020-DVHT", Map.of("TC1.1", points("TC1.1", BigDecimal.ONE.negate())))
                .expectException(refused(ErrorCode.SCORE_OUT_OF_RANGE, Field.of("scores").at(0).dot("points")));
        setUp();
        opening("TT22-2020-DVHT", Map.of("TC1.1", met("TC1.1", true)))
                .expectException(refused(ErrorCode.SCORE_OUT_OF_RANGE, Field.of("scores").at(0).dot("points")));
    }

    @Test
    void cannotScoreAConditionInPoints() {
        opening("TT24-2023-DVHT", Map.of("TC1.1", points("TC1.1", new BigDecimal("5"))))
                .expectException(refused(ErrorCode.SCORE_OUT_OF_RANGE, Field.of("scores").at(0).dot("met")));
    }

    @Test
    void cannotSubmitAnAssessmentWithIndicatorsMissing() {
        fixture.givenCommands(open("TT22-2020-DVHT", null, Map.of("TC1.1", points("TC1.1", BigDecimal.TEN))))
               .when(new SubmitAssessmentCommand("a1", null))
               .expectException(refused(ErrorCode.INCOMPLETE_ASSESSMENT, Field.of("scores")));
    }

    @Test
    void canSubmitAnAssessmentOnceEveryIndicatorIsScored() {
        fixture.givenCommands(open("TT22-2020-DVHT", null, valuesAt(document("TT22-2020-DVHT", 2), null)))
               .when(new SubmitAssessmentCommand("a1", null))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void cannotApplyForLevelTwoWithoutALevelOneRecognition() {
        fixture.givenNoPriorActivity()
               .when(new OpenAssessmentCommand("a1", "don-vi-a", "TT24-2023-DVHT", null, YEAR, "MUC_DO_2", List.of()))
               .expectException(refused(ErrorCode.UPGRADE_TOO_EARLY, Field.of("level")));
    }

    @Test
    void cannotApplyForALevelTheFrameworkDoesNotHave() {
        fixture.givenNoPriorActivity()
               .when(new OpenAssessmentCommand("a1", "don-vi-a", "TT24-2023-DVHT", null, YEAR, "MUC_DO_9", List.of()))
               .expectException(refused(ErrorCode.INVALID_LEVEL, Field.of("level")));
    }

    @Test
    void cannotReviewAnAssessmentStillInDraft() {
        fixture.givenCommands(open("TT22-2020-DVHT", null, valuesAt(document("TT22-2020-DVHT", 2), null)))
               .when(new ReviewAssessmentCommand("a1", List.of(), new Conclusion("TOT", null), null))
               .expectException(refused(ErrorCode.INVALID_TRANSITION, null));
    }

    @Test
    void cannotConcludeAResultThePointsAfterReviewDoNotReach() {
        // every TT22 indicator at its cap is 100 points; the reviewer gives the competencies (cap 25) 5: 80 is KHA
        Map<String, Score> full = valuesAt(document("TT22-2020-DVHT", 2), null);
        fixture.givenCommands(open("TT22-2020-DVHT", null, full), new SubmitAssessmentCommand("a1", null))
               .when(new ReviewAssessmentCommand("a1", List.of(new Adjustment("TC3.1", new BigDecimal("5"), null, "r")),
                                                 new Conclusion("TOT", null), null))
               .expectException(refused(ErrorCode.CONCLUSION_MISMATCH, Field.of("conclusion").dot("result")));
    }

    private static Matcher<Throwable> refused(ErrorCode code, Field field) {
        return predicate(e -> e instanceof DomainException d && d.code() == code
                              && (field == null || field.equals(d.field())));
    }

    // ------------------------------------------------------------------ helpers

    private org.axonframework.test.aggregate.ResultValidator<AssessmentAggregate> opening(String code, Map<String, Score> scores) {
        return openingVersion(code, null, scores);
    }

    private org.axonframework.test.aggregate.ResultValidator<AssessmentAggregate> openingVersion(String code, Integer version,
                                                                                               Map<String, Score> scores) {
        return fixture.givenNoPriorActivity().when(open(code, version, scores));
    }

    private static OpenAssessmentCommand open(String code, Integer version, Map<String, Score> scores) {
        return new OpenAssessmentCommand("a1", "don-vi-a", code, version, YEAR, null, new ArrayList<>(scores.values()));
    }

    private static Matcher<List<org.axonframework.messaging.Message<?>>> opened(String result) {
        return payloadsMatching(exactSequenceOf(
                predicate(e -> e instanceof AssessmentOpenedEvent o && o.result().equals(result)), andNoMore()));
    }

    /** A value for every indicator exactly at its target for {@code level} (conditions met). */
    private static Map<String, Score> valuesAt(CriteriaFramework framework, String level) {
        Map<String, Score> values = new LinkedHashMap<>();
        for (Indicator indicator : framework.indicators()) {
            IndicatorKind kind = framework.kindOf(indicator);
            BigDecimal target = indicator.min() == null ? null : indicator.min().get(level);
            values.put(indicator.code(), switch (kind) {
                case CONDITION, PREREQUISITE -> met(indicator.code(), true);
                case RATIO -> ratio(indicator.code(), target.intValueExact(), 100);
                case COUNT -> count(indicator.code(), target.intValueExact());
                case POINTS -> points(indicator.code(), indicator.maxPoints());
            });
        }
        return values;
    }

    private static Map<String, Score> with(Map<String, Score> values, Score changed) {
        Map<String, Score> copy = new LinkedHashMap<>(values);
        copy.put(changed.indicator(), changed);
        return copy;
    }

    private static Score ratio(String indicator, long numerator, long denominator) {
        return new Score(indicator, null, null, null, BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator), null);
    }

    private static Score count(String indicator, long count) {
        return new Score(indicator, null, null, null, null, null, BigDecimal.valueOf(count));
    }

    private static Score met(String indicator, boolean met) {
        return new Score(indicator, null, met, null);
    }

    private static Score points(String indicator, BigDecimal points) {
        return new Score(indicator, points, null, null);
    }
}
