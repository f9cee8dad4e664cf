package vn.xhht.ledger.command.emulation;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.emulation.EmulationMessages.AwardRegisteredEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.AwardReleasedEvent;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * One achievement, one award, given/when/then: the register of a subject's awards for one occasion of a movement
 * ({@link AwardBooks} writes it in the decision's commit; {@code AwardBooksTest} over a real event store).
 */
class AwardRegisterAggregateTest {

    private static final String ID = "award-register:unit:phong-gddt|PT-1315-2023|GD1_2023_2025|HANG_NAM|2024";

    private FixtureConfiguration<AwardRegisterAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AwardRegisterAggregate.class);
    }

    @Test
    void canRegisterTheFirstAwardOfASubjectForAnOccasion() {
        fixture.givenNoPriorActivity()
               .whenConstructing(() -> {
                   AwardRegisterAggregate register = new AwardRegisterAggregate(ID);
                   register.record("n-1", "GIAY_KHEN");
                   return register;
               })
               .expectEvents(new AwardRegisteredEvent(ID, "n-1", "GIAY_KHEN"))
               .expectState(register -> assertThat(register.holder()).isEqualTo(Optional.of("n-1")));
    }

    @Test
    void canRegisterNothingWhenTheSameDecisionComesAgain() {
        fixture.given(new AwardRegisteredEvent(ID, "n-1", "GIAY_KHEN"))
               .whenInvoking(ID, register -> register.record("n-1", "GIAY_KHEN"))
               .expectNoEvents();
    }

    @Test
    void cannotRegisterASecondAwardForTheSameOccasion() {
        fixture.given(new AwardRegisteredEvent(ID, "n-1", "GIAY_KHEN"))
               .whenInvoking(ID, register -> register.record("n-2", "BANG_KHEN_CT_UBND_TINH"))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.DUPLICATE_AWARD));
    }

    @Test
    void canRegisterAnotherAwardOnceTheFirstWasRevoked() {
        fixture.given(new AwardRegisteredEvent(ID, "n-1", "GIAY_KHEN"), new AwardReleasedEvent(ID, "n-1"))
               .whenInvoking(ID, register -> register.record("n-2", "BANG_KHEN_CT_UBND_TINH"))
               .expectEvents(new AwardRegisteredEvent(ID, "n-2", "BANG_KHEN_CT_UBND_TINH"));
    }

    @Test
    void canReleaseAnAwardOnlyForTheNominationHoldingIt() {
        fixture.given(new AwardRegisteredEvent(ID, "n-1", "GIAY_KHEN"))
               .whenInvoking(ID, register -> register.release("n-2"))
               .expectNoEvents()
               .expectState(register -> assertThat(register.holder()).isEqualTo(Optional.of("n-1")));
        fixture.given(new AwardRegisteredEvent(ID, "n-1", "GIAY_KHEN"))
               .whenInvoking(ID, register -> register.release("n-1"))
               .expectEvents(new AwardReleasedEvent(ID, "n-1"))
               .expectState(register -> assertThat(register.holder()).isEmpty());
    }
}
