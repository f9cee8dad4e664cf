package vn.xhht.ledger.domain.indicator;

import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.Status;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class IndicatorRulesTest {

    @Test
    void aShareExactlyAtTheTargetIsMet() {
        assertThat(IndicatorRules.status(60, 100, new BigDecimal("0.60"))).isEqualTo(Status.MET);
    }

    @Test
    void roundingDoesNotTurnAShortfallIntoMet() {
        // 59999/100000 shows as 0.6000 but is below 60%
        assertThat(IndicatorRules.value(59_999, 100_000)).isEqualByComparingTo("0.6000");
        assertThat(IndicatorRules.status(59_999, 100_000, new BigDecimal("0.6"))).isEqualTo(Status.NOT_MET);
    }

    @Test
    void noDenominatorMeansNoValueAndNoData() {
        assertThat(IndicatorRules.value(5, 0)).isNull();
        assertThat(IndicatorRules.status(5, 0, new BigDecimal("0.5"))).isEqualTo(Status.NO_DATA);
    }

    @Test
    void noTargetMeansNoData() {
        assertThat(IndicatorRules.status(5, 10, null)).isEqualTo(Status.NO_DATA);
    }

    @Test
    void aCatalogueNamesTheFieldAtFault() {
        var catalogue = new IndicatorCatalogue(IndicatorCatalogue.THE_CATALOGUE, null, "t", java.util.List.of(
                new IndicatorCatalogue.IndicatorDefinition("bad code", new IndicatorCatalogue.Names("a", "b"),
                                                           new IndicatorCatalogue.Quantity(IndicatorCatalogue.Quantity.Kind.REPORTED, null, null, null, null, null),
                                                           new IndicatorCatalogue.Quantity(IndicatorCatalogue.Quantity.Kind.BASELINE, null, null, "households", null, null),
                                                           IndicatorCatalogue.RollUp.RATIO_OF_SUMS, null)), false, null);
        assertThat(catalogue.problems()).extracting(p -> p.field())
                                        .containsExactlyInAnyOrder(Field.of("indicators").at(0).dot("code"),
                                                                   Field.of("indicators").at(0).dot("denominator"));
    }
}
