package vn.xhht.ledger.command.emulation;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.emulation.EmulationMessages.AwardCountedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.AwardUncountedEvent;

import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * The awards of one form a deciding unit gives for one occasion, against its quota, given/when/then
 * ({@link AwardBooks} writes it in the decision's commit; {@code AwardBooksTest} over a real event store).
 */
class AwardQuotaAggregateTest {

    private static final String ID = "award-quota:thuy-nguyen|GIAY_KHEN|PT-1315-2023|GD1_2023_2025|HANG_NAM|2024";

    private FixtureConfiguration<AwardQuotaAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AwardQuotaAggregate.class);
    }

    @Test
    void canCountTheFirstAwardAgainstAQuota() {
        fixture.givenNoPriorActivity()
               .whenConstructing(() -> {
                   AwardQuotaAggregate quota = new AwardQuotaAggregate(ID);
                   quota.count("n-1", 2);
                   return quota;
               })
               .expectEvents(new AwardCountedEvent(ID, "n-1", 2));
    }

    @Test
    void cannotCountOneAwardMoreThanTheQuotaAllows() {
        fixture.given(new AwardCountedEvent(ID, "n-1", 2), new AwardCountedEvent(ID, "n-2", 2))
               .whenInvoking(ID, quota -> quota.count("n-3", 2))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.QUOTA_EXCEEDED));
    }

    @Test
    void canCountAnAwardAlreadyCountedWithoutRecordingItTwice() {
        fixture.given(new AwardCountedEvent(ID, "n-1", 1))
               .whenInvoking(ID, quota -> quota.count("n-1", 1))
               .expectNoEvents();
    }

    @Test
    void canCountWithoutLimitWhenNoQuotaIsConfigured() {
        fixture.given(new AwardCountedEvent(ID, "n-1", -1), new AwardCountedEvent(ID, "n-2", -1))
               .whenInvoking(ID, quota -> quota.count("n-3", null))
               .expectEvents(new AwardCountedEvent(ID, "n-3", -1));
    }

    @Test
    void canCountAnotherAwardOnceARevocationFreedItsPlace() {
        fixture.given(new AwardCountedEvent(ID, "n-1", 1), new AwardUncountedEvent(ID, "n-1"))
               .whenInvoking(ID, quota -> quota.count("n-2", 1))
               .expectEvents(new AwardCountedEvent(ID, "n-2", 1));
    }

    @Test
    void canUncountOnlyAnAwardThatWasCounted() {
        fixture.given(new AwardCountedEvent(ID, "n-1", 1))
               .whenInvoking(ID, quota -> quota.uncount("n-9"))
               .expectNoEvents();
    }
}
