package vn.xhht.ledger.command.period;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.period.PeriodMessages;
import vn.xhht.ledger.domain.period.PeriodMessages.AdmissionFencedEvent;
import vn.xhht.ledger.domain.period.PeriodMessages.AdmissionShardSealedEvent;
import vn.xhht.ledger.domain.period.PeriodMessages.FactAdmittedEvent;

import java.time.LocalDate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One generation of an admission shard, given/when/then: facts and fences are recorded in its stream; it is full
 * after {@link PeriodMessages#FACTS_PER_GENERATION} facts and, sealed, names the generation that follows
 * ({@link PeriodLedgers} decides when to seal; {@code PeriodLedgersTest} over a real event store).
 */
class AdmissionShardAggregateTest {

    private static final String ID = PeriodMessages.admissionShardId("hcm", 2024, 3, 0);
    private static final String NEXT = PeriodMessages.admissionShardId("hcm", 2024, 3, 1);
    private static final LocalDate DAY = LocalDate.of(2024, 5, 1);

    private FixtureConfiguration<AdmissionShardAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AdmissionShardAggregate.class);
    }

    private static FactAdmittedEvent admitted(int n) {
        return new FactAdmittedEvent(ID, "xa-a", 2024, "f" + n, "RecognitionBatchRecordedEvent", DAY);
    }

    @Test
    void canAdmitTheFirstFactOfAGeneration() {
        fixture.givenNoPriorActivity()
               .whenConstructing(() -> {
                   AdmissionShardAggregate shard = new AdmissionShardAggregate(ID);
                   shard.admit("xa-a", 2024, "f0", "RecognitionBatchRecordedEvent", DAY);
                   return shard;
               })
               .expectEvents(admitted(0))
               .expectState(shard -> assertThat(shard.full()).isFalse());
    }

    @Test
    void canFenceAShardForACloseOfItsProvince() {
        fixture.given(admitted(0))
               .whenInvoking(ID, shard -> shard.fence("cu-chi", 2024, "p1"))
               .expectEvents(new AdmissionFencedEvent(ID, "cu-chi", 2024, "p1"));
    }

    @Test
    void canTellAGenerationFullAfterItsShareOfFactsAndNameTheNextOnceSealed() {
        fixture.given(IntStream.range(0, PeriodMessages.FACTS_PER_GENERATION).mapToObj(n -> (Object) admitted(n)).toList())
               .whenInvoking(ID, shard -> {
                   assertThat(shard.full()).isTrue();
                   assertThat(shard.next()).isNull();
                   shard.seal(NEXT);
               })
               .expectEvents(new AdmissionShardSealedEvent(ID, NEXT))
               .expectState(shard -> assertThat(shard.next()).isEqualTo(NEXT));
    }

    @Test
    void canTellAGenerationOneFactShortOfItsShareNotFull() {
        fixture.given(IntStream.range(0, PeriodMessages.FACTS_PER_GENERATION - 1).mapToObj(n -> (Object) admitted(n)).toList())
               .whenInvoking(ID, shard -> { })
               .expectState(shard -> assertThat(shard.full()).isFalse());
    }
}
