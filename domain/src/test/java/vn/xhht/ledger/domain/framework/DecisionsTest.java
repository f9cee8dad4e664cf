package vn.xhht.ledger.domain.framework;

import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Criterion;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Decision;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Indicator;
import vn.xhht.ledger.domain.framework.CriteriaFramework.IndicatorKind;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Threshold;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionsTest {

    private static final List<Threshold> TT22 = List.of(new Threshold("TOT", new BigDecimal("85")),
                                                        new Threshold("KHA", new BigDecimal("70")),
                                                        new Threshold("TRUNG_BINH", new BigDecimal("50")));

    @Test
    void pointsAtOrAboveAThresholdEarnItsResult() {
        assertThat(Decisions.resultForPoints(TT22, new BigDecimal("100"))).isEqualTo("TOT");
        assertThat(Decisions.resultForPoints(TT22, new BigDecimal("85"))).isEqualTo("TOT");
        assertThat(Decisions.resultForPoints(TT22, new BigDecimal("84.5"))).isEqualTo("KHA");
        assertThat(Decisions.resultForPoints(TT22, new BigDecimal("70"))).isEqualTo("KHA");
        assertThat(Decisions.resultForPoints(TT22, new BigDecimal("50"))).isEqualTo("TRUNG_BINH");
    }

    @Test
    void pointsBelowTheLowestThresholdAreNotMet() {
        assertThat(Decisions.resultForPoints(TT22, new BigDecimal("49.99"))).isEqualTo("CHUA_DAT");
    }

    @Test
    void theTotalIsTheSumOfPointsIgnoringMissingValues() {
        assertThat(Decisions.totalPoints(Map.of("a", IndicatorValue.ofPoints(new BigDecimal("30")),
                                                "b", IndicatorValue.ofPoints(new BigDecimal("28.5")))))
                .isEqualByComparingTo("58.5");
    }

    private static final List<String> LEVELS = List.of("MUC_DO_1", "MUC_DO_2");

    private static CriteriaFramework allMet(Indicator... indicators) {
        return new CriteriaFramework("T", 1, "t", "DON_VI_HOC_TAP", "r", null, LocalDate.of(2024, 1, 1), null,
                                     Decision.ALL_MET, List.of(new Criterion("TC1", "c", List.of(indicators))), null,
                                     LEVELS, 3, null, MonthDay.of(1, 15), List.of(), false, null);
    }

    private static Indicator condition(String code, String... levels) {
        return new Indicator(code, "x", null, List.of(levels), IndicatorKind.CONDITION, null);
    }

    private static Indicator ratio(String code, int l1, int l2) {
        Map<String, BigDecimal> min = new LinkedHashMap<>();
        min.put("MUC_DO_1", BigDecimal.valueOf(l1));
        min.put("MUC_DO_2", BigDecimal.valueOf(l2));
        return new Indicator(code, "x", null, null, IndicatorKind.RATIO, min);
    }

    @Test
    void aLevelIsReachedOnlyWhenEveryIndicatorOfItAndOfTheLevelsBelowIsMet() {
        CriteriaFramework framework = allMet(condition("L1a", "MUC_DO_1"), condition("L1b", "MUC_DO_1"),
                                             condition("L2a", "MUC_DO_2"));
        assertThat(Decisions.resultOf(framework, met("L1a", true, "L1b", true, "L2a", true))).isEqualTo("MUC_DO_2");
        assertThat(Decisions.resultOf(framework, met("L1a", true, "L1b", true, "L2a", false))).isEqualTo("MUC_DO_1");
        assertThat(Decisions.resultOf(framework, met("L1a", true, "L2a", true))).isEqualTo("CHUA_DAT");
        assertThat(Decisions.resultOf(framework, met("L1a", false, "L1b", true, "L2a", true))).isEqualTo("CHUA_DAT");
    }

    @Test
    void aRatioMeetsALevelAtExactlyItsTargetAndNotOneBelow() {
        CriteriaFramework framework = allMet(ratio("R", 90, 95));
        assertThat(Decisions.resultOf(framework, ratioOf(95, 100))).isEqualTo("MUC_DO_2");
        assertThat(Decisions.resultOf(framework, ratioOf(94, 100))).isEqualTo("MUC_DO_1");
        assertThat(Decisions.resultOf(framework, ratioOf(90, 100))).isEqualTo("MUC_DO_1");
        assertThat(Decisions.resultOf(framework, ratioOf(3599, 4000))).isEqualTo("CHUA_DAT");
        assertThat(Decisions.resultOf(framework, ratioOf(3600, 4000))).isEqualTo("MUC_DO_1");
    }

    @Test
    void aRatioWithoutADenominatorIsNotMet() {
        assertThat(Decisions.resultOf(allMet(ratio("R", 0, 0)), ratioOf(0, 0))).isEqualTo("CHUA_DAT");
    }

    @Test
    void aCountMeetsALevelWhenItReachesTheMinimum() {
        Map<String, BigDecimal> min = new LinkedHashMap<>();
        min.put("MUC_DO_1", BigDecimal.ONE);
        min.put("MUC_DO_2", BigDecimal.valueOf(2));
        CriteriaFramework framework = allMet(new Indicator("C", "x", null, null, IndicatorKind.COUNT, min));
        assertThat(Decisions.resultOf(framework, Map.of("C", IndicatorValue.ofCount(BigDecimal.valueOf(2))))).isEqualTo("MUC_DO_2");
        assertThat(Decisions.resultOf(framework, Map.of("C", IndicatorValue.ofCount(BigDecimal.ONE)))).isEqualTo("MUC_DO_1");
        assertThat(Decisions.resultOf(framework, Map.of("C", IndicatorValue.ofCount(BigDecimal.ZERO)))).isEqualTo("CHUA_DAT");
    }

    @Test
    void aDocumentWhoseTargetFallsAsTheLevelRisesIsRefused() {
        assertThat(allMet(ratio("R", 95, 90)).problems())
                .extracting(CriteriaFramework.Problem::field).containsExactly(
                        Field.of("criteria").at(0).dot("indicators").at(0).dot("min").key("MUC_DO_2"));
        assertThat(allMet(ratio("R", 90, 101)).problems()).isNotEmpty();
        assertThat(allMet(ratio("R", 90, 95)).problems()).isEmpty();
    }

    private static Map<String, IndicatorValue> ratioOf(long numerator, long denominator) {
        return Map.of("R", IndicatorValue.ofRatio(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator)));
    }

    private static Map<String, IndicatorValue> met(Object... pairs) {
        Map<String, IndicatorValue> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], IndicatorValue.ofMet((Boolean) pairs[i + 1]));
        }
        return values;
    }
}
