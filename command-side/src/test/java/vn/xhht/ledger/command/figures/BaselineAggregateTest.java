package vn.xhht.ledger.command.figures;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.figures.FigureMessages;
import vn.xhht.ledger.domain.figures.FigureMessages.Baseline;
import vn.xhht.ledger.domain.figures.FigureMessages.BaselineSetEvent;
import vn.xhht.ledger.domain.figures.FigureMessages.SetBaselineCommand;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * A unit's baseline for a year, given/when/then: set, replaced, the same again storing nothing; refused for an unknown
 * unit or a closed year.
 */
class BaselineAggregateTest {

    private static final Baseline HOUSEHOLDS = new Baseline(1000L, null, null, null, null, null);
    private final List<String> admitted = new ArrayList<>();
    private FixtureConfiguration<BaselineAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BaselineAggregate.class);
        fixture.registerInjectableResource(FigureFixtures.hierarchy());
        fixture.registerInjectableResource(FigureFixtures.periods(admitted));
    }

    @Test
    void canSetABaselineAndReplaceIt() {
        String id = FigureMessages.baselineId("ap-cho", 2024);
        fixture.givenNoPriorActivity()
               .when(new SetBaselineCommand(id, "ap-cho", 2024, HOUSEHOLDS))
               .expectEvents(new BaselineSetEvent("ap-cho", 2024, HOUSEHOLDS, null));
        Baseline more = new Baseline(1200L, null, null, null, null, null);
        fixture.given(new BaselineSetEvent("ap-cho", 2024, HOUSEHOLDS, null))
               .when(new SetBaselineCommand(id, "ap-cho", 2024, more))
               .expectEvents(new BaselineSetEvent("ap-cho", 2024, more, HOUSEHOLDS));
    }

    @Test
    void canSetTheSameBaselineAgainWhichStoresAndAdmitsNothing() {
        fixture.given(new BaselineSetEvent("ap-cho", 2024, HOUSEHOLDS, null))
               .when(new SetBaselineCommand(FigureMessages.baselineId("ap-cho", 2024), "ap-cho", 2024, HOUSEHOLDS))
               .expectNoEvents();
        assertThat(admitted).isEmpty();
    }

    @Test
    void cannotSetABaselineOfAUnitThatDoesNotExist() {
        fixture.givenNoPriorActivity()
               .when(new SetBaselineCommand(FigureMessages.baselineId("nowhere", 2024), "nowhere", 2024, HOUSEHOLDS))
               .expectException(predicate(e -> e instanceof DomainException d && d.code() == ErrorCode.UNKNOWN_UNIT));
    }

    @Test
    void cannotSetABaselineOfAClosedYear() {
        fixture.givenNoPriorActivity()
               .when(new SetBaselineCommand(FigureMessages.baselineId("ap-cho", 2023), "ap-cho", 2023, HOUSEHOLDS))
               .expectException(predicate(e -> e instanceof DomainException d && d.code() == ErrorCode.PERIOD_CLOSED));
    }
}
