package vn.xhht.ledger.command.period;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.period.PeriodMessages;
import vn.xhht.ledger.domain.period.PeriodMessages.PeriodClosedEvent;
import vn.xhht.ledger.domain.period.PeriodMessages.PeriodFactCountedEvent;
import vn.xhht.ledger.domain.period.PeriodMessages.PeriodReopenedEvent;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A unit's ledger for a year, given/when/then: closed while any of its plans holds it closed; a reopen by a plan that
 * did not close it records nothing ({@link PeriodLedgers} writes it in the plan's commit; {@code PeriodLedgersTest}
 * over a real event store).
 */
class PeriodLedgerAggregateTest {

    private static final String ID = PeriodMessages.ledgerId("cu-chi", 2024);

    private FixtureConfiguration<PeriodLedgerAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PeriodLedgerAggregate.class);
    }

    @Test
    void canCloseAYearNeverClosed() {
        fixture.givenNoPriorActivity()
               .whenConstructing(() -> {
                   PeriodLedgerAggregate ledger = new PeriodLedgerAggregate("cu-chi", 2024);
                   ledger.close("p1", "Chốt số liệu");
                   return ledger;
               })
               .expectEvents(new PeriodClosedEvent("cu-chi", 2024, "p1", "Chốt số liệu"))
               .expectState(ledger -> assertThat(ledger.isClosed()).isTrue());
    }

    @Test
    void canReopenAYearOnlyByAPlanThatClosedIt() {
        fixture.given(new PeriodClosedEvent("cu-chi", 2024, "p1", "Chốt"))
               .whenInvoking(ID, ledger -> ledger.reopen("p2", "Sai"))
               .expectNoEvents()
               .expectState(ledger -> assertThat(ledger.isClosed()).isTrue());
        fixture.given(new PeriodClosedEvent("cu-chi", 2024, "p1", "Chốt"))
               .whenInvoking(ID, ledger -> ledger.reopen("p1", "Bổ sung"))
               .expectEvents(new PeriodReopenedEvent("cu-chi", 2024, "p1", "Bổ sung"))
               .expectState(ledger -> assertThat(ledger.isClosed()).isFalse());
    }

    @Test
    void canStayClosedWhileAnotherPlanStillHoldsTheYearClosed() {
        fixture.given(new PeriodClosedEvent("cu-chi", 2024, "p1", "Chốt"), new PeriodClosedEvent("cu-chi", 2024, "p2", "Chốt"))
               .whenInvoking(ID, ledger -> ledger.reopen("p1", "Bổ sung"))
               .expectEvents(new PeriodReopenedEvent("cu-chi", 2024, "p1", "Bổ sung"))
               .expectState(ledger -> assertThat(ledger.isClosed()).isTrue());
    }

    @Test
    void canReadALedgerStoredWithCountedFactsAsOpen() {
        fixture.given(new PeriodFactCountedEvent("cu-chi", 2024, "f1", "RecognitionBatchRecordedEvent", LocalDate.of(2024, 5, 1)))
               .whenInvoking(ID, ledger -> ledger.close("p1", "Chốt"))
               .expectEvents(new PeriodClosedEvent("cu-chi", 2024, "p1", "Chốt"));
    }
}
