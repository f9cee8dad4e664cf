package vn.xhht.ledger.command.assessment;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.assessment.AssessmentMessages;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentSlotClaimedEvent;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentSlotReleasedEvent;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;

import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * The slot of one subject, framework and year, given/when/then: the assessment's opening claims it and its review
 * releases it ({@link AssessmentSlots} does both in the assessment's commit; {@code AssessmentSlotsTest} over a real
 * event store).
 */
class AssessmentSlotAggregateTest {

    private static final String SLOT = AssessmentMessages.slotId("truong-a", "TT24-2023-DVHT", 2024);

    private FixtureConfiguration<AssessmentSlotAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AssessmentSlotAggregate.class);
    }

    @Test
    void canClaimASlotNeverClaimed() {
        fixture.givenNoPriorActivity()
               .whenConstructing(() -> {
                   AssessmentSlotAggregate slot = new AssessmentSlotAggregate(SLOT);
                   slot.claim("a1");
                   return slot;
               })
               .expectEvents(new AssessmentSlotClaimedEvent(SLOT, "a1"));
    }

    @Test
    void cannotClaimASlotWhileItsAssessmentIsOpen() {
        fixture.given(new AssessmentSlotClaimedEvent(SLOT, "a1"))
               .whenInvoking(SLOT, slot -> slot.claim("a2"))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.DUPLICATE_ASSESSMENT));
    }

    @Test
    void canClaimASlotAgainOnceItsAssessmentWasReviewed() {
        fixture.given(new AssessmentSlotClaimedEvent(SLOT, "a1"), new AssessmentSlotReleasedEvent(SLOT, "a1"))
               .whenInvoking(SLOT, slot -> slot.claim("a2"))
               .expectEvents(new AssessmentSlotClaimedEvent(SLOT, "a2"));
    }

    @Test
    void canReleaseASlotOnlyByTheReviewOfTheAssessmentHoldingIt() {
        fixture.given(new AssessmentSlotClaimedEvent(SLOT, "a1"))
               .whenInvoking(SLOT, slot -> slot.release("a9"))
               .expectNoEvents();
        fixture.given(new AssessmentSlotClaimedEvent(SLOT, "a1"))
               .whenInvoking(SLOT, slot -> slot.release("a1"))
               .expectEvents(new AssessmentSlotReleasedEvent(SLOT, "a1"));
    }
}
