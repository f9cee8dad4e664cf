package vn.xhht.ledger.command.unit;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.unit.UnitCommands.RecordUnitChildCommand;
import vn.xhht.ledger.domain.unit.UnitEvents;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitChildRecordedEvent;

import java.util.Set;

import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * The register of the units placed under a unit, as an older store's migration fills it: a placement the child's own
 * history shows is recorded once; one it does not show is refused. (Placements made by unit commands are recorded in
 * their commit — {@code UnitPlacementsTest}.)
 */
class UnitChildrenAggregateTest {

    private FixtureConfiguration<UnitChildrenAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UnitChildrenAggregate.class);
        // the children's own histories: xa-a and xa-b sat under cu-chi at some time, xa-z never did
        fixture.registerInjectableResource(new Hierarchy(null, null) {
            @Override
            boolean everUnder(String childId, String parentId) {
                return parentId.equals("cu-chi") && Set.of("xa-a", "xa-b").contains(childId);
            }
        });
    }

    @Test
    void canRecordAPlacementFoundInAnOlderStoresLogStartingTheRegister() {
        fixture.givenNoPriorActivity()
               .when(new RecordUnitChildCommand("cu-chi", "xa-a"))
               .expectEvents(new UnitChildRecordedEvent("cu-chi", "xa-a"));
    }

    @Test
    void canRecordAnotherChildBesideTheKnownOnes() {
        fixture.given(new UnitChildRecordedEvent("cu-chi", "xa-a"))
               .when(new RecordUnitChildCommand("cu-chi", "xa-b"))
               .expectEvents(new UnitChildRecordedEvent("cu-chi", "xa-b"));
    }

    @Test
    void canRecordAPlacementOnARegisterThatBeganWithItsUnitsEnd() {
        fixture.given(new UnitEvents.UnitChildrenClosedEvent("cu-chi", java.time.LocalDate.of(2026, 1, 1)))
               .when(new RecordUnitChildCommand("cu-chi", "xa-a"))
               .expectEvents(new UnitChildRecordedEvent("cu-chi", "xa-a"));
    }

    @Test
    void canRecordNothingForAPlacementAlreadyKnown() {
        fixture.given(new UnitChildRecordedEvent("cu-chi", "xa-a"))
               .when(new RecordUnitChildCommand("cu-chi", "xa-a"))
               .expectNoEvents();
    }

    @Test
    void cannotRecordAUnitWhoseHistoryNeverPlacedItUnderTheParent() {
        fixture.givenNoPriorActivity()
               .when(new RecordUnitChildCommand("cu-chi", "xa-z"))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.INVALID_HIERARCHY));
    }
}
