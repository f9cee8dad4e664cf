package vn.xhht.ledger.command.unit;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.unit.UnitCommands.DissolveUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.MergeUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.MoveUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.RegisterUnitCommand;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitDissolvedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitMergedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitMovedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitRegisteredEvent;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.LocalDate;

import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * A unit's end, given/when/then: a district dissolved by the 2025 reform, with a reason, after it started, once.
 * The rules that involve other units (its children, a merge's target) are in {@code UnitCommandHandlerTest}.
 */
class UnitAggregateTest {

    private static final LocalDate FROM = LocalDate.of(2020, 1, 1);
    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    private static final UnitRegisteredEvent DISTRICT = new UnitRegisteredEvent("cu-chi", "Huyện Củ Chi", UnitKind.DISTRICT,
                                                                                "hcm", FROM);

    private FixtureConfiguration<UnitAggregate> fixture;
    /** The units the unit view lists under a unit on a date (what the handler asks before it checks each). */
    private final ListedChildren listed = new ListedChildren();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UnitAggregate.class);
        fixture.registerAnnotatedCommandHandler(new UnitCommandHandler(fixture.getRepository(), listed));
    }

    @Test
    void canDissolveADistrictWhoseCommunesHaveMoved() {
        fixture.given(DISTRICT)
               .when(new DissolveUnitCommand("cu-chi", REFORM, "Kết thúc cấp huyện", null))
               .expectEvents(new UnitDissolvedEvent("cu-chi", REFORM, "Kết thúc cấp huyện"));
    }

    @Test
    void cannotDissolveAUnitWithoutAReason() {
        fixture.given(DISTRICT)
               .when(new DissolveUnitCommand("cu-chi", REFORM, " ", null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.REASON_REQUIRED));
    }

    @Test
    void cannotDissolveAUnitOnTheDayItStarted() {
        fixture.given(DISTRICT)
               .when(new DissolveUnitCommand("cu-chi", FROM, "Kết thúc", null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.INVALID_VALID_FROM));
    }

    @Test
    void cannotDissolveAUnitTwice() {
        fixture.given(DISTRICT, new UnitDissolvedEvent("cu-chi", REFORM, "Kết thúc cấp huyện"))
               .when(new DissolveUnitCommand("cu-chi", REFORM.plusDays(1), "Lần nữa", null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.UNIT_DISSOLVED));
    }

}
