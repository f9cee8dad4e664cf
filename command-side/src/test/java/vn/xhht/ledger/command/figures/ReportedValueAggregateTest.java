package vn.xhht.ledger.command.figures;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.figures.FigureMessages;
import vn.xhht.ledger.domain.figures.FigureMessages.IndicatorValueReportedEvent;
import vn.xhht.ledger.domain.figures.FigureMessages.ReportIndicatorValueCommand;

import java.util.ArrayList;
import java.util.List;

import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * A value reported for an indicator, given/when/then: with its source, the same again storing nothing; a numerator
 * above its denominator refused.
 */
class ReportedValueAggregateTest {

    private final List<String> admitted = new ArrayList<>();
    private FixtureConfiguration<ReportedValueAggregate> fixture;
    private final String id = FigureMessages.reportedValueId("cu-chi", "INFO_LITERACY", 2024);

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ReportedValueAggregate.class);
        fixture.registerInjectableResource(FigureFixtures.hierarchy());
        fixture.registerInjectableResource(FigureFixtures.periods(admitted));
    }

    @Test
    void canReportAValueWithItsSourceAndTheSameAgainStoresNothing() {
        IndicatorValueReportedEvent reported = new IndicatorValueReportedEvent("cu-chi", "INFO_LITERACY", 2024, 700, 1000,
                                                                               "Khảo sát 2024", null, null);
        fixture.givenNoPriorActivity()
               .when(new ReportIndicatorValueCommand(id, "cu-chi", "INFO_LITERACY", 2024, 700, 1000, "Khảo sát 2024"))
               .expectEvents(reported);
        fixture.given(reported)
               .when(new ReportIndicatorValueCommand(id, "cu-chi", "INFO_LITERACY", 2024, 700, 1000, "Khảo sát 2024"))
               .expectNoEvents();
    }

    @Test
    void cannotReportANumeratorAboveItsDenominator() {
        fixture.givenNoPriorActivity()
               .when(new ReportIndicatorValueCommand(id, "cu-chi", "INFO_LITERACY", 2024, 1001, 1000, null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.VALIDATION_FAILED
                       && Field.of("numerator").equals(((DomainException) e).field())));
    }
}
