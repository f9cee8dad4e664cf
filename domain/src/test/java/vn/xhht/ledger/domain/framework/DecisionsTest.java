package vn.xhht.ledger.domain.framework;

import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Indicator;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Threshold;

import java.math.BigDecimal;
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
        assertThat(Decisions.totalPoints(Map.of("a", new BigDecimal("30"), "b", new BigDecimal("28.5"))))
                .isEqualByComparingTo("58.5");
    }

    private static final List<Indicator> INDICATORS = List.of(
            new Indicator("L1a", "x", null, List.of("MUC_DO_1")),
            new Indicator("L1b", "x", null, List.of("MUC_DO_1")),
            new Indicator("L2a", "x", null, List.of("MUC_DO_2")));
    private static final List<String> LEVELS = List.of("MUC_DO_1", "MUC_DO_2");

    @Test
    void aLevelIsReachedOnlyWhenEveryIndicatorOfItAndOfTheLevelsBelowIsMet() {
        assertThat(Decisions.highestLevelAllMet(LEVELS, INDICATORS, Map.of("L1a", true, "L1b", true, "L2a", true)))
                .isEqualTo("MUC_DO_2");
        assertThat(Decisions.highestLevelAllMet(LEVELS, INDICATORS, Map.of("L1a", true, "L1b", true, "L2a", false)))
                .isEqualTo("MUC_DO_1");
        assertThat(Decisions.highestLevelAllMet(LEVELS, INDICATORS, Map.of("L1a", true, "L2a", true)))
                .isEqualTo("CHUA_DAT");
        assertThat(Decisions.highestLevelAllMet(LEVELS, INDICATORS, Map.of("L1a", false, "L1b", true, "L2a", true)))
                .isEqualTo("CHUA_DAT");
    }
}
