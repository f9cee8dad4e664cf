package vn.xhht.ledger.command.assessment;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentSlotClaimedEvent;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentSlotReleasedEvent;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * At most one open assessment per subject, framework and year. Opening claims the slot in the same commit as the
 * assessment's first event; the review releases it. Two concurrent openings race for the slot's next sequence
 * number, and only one is stored.
 */
@Aggregate(snapshotTriggerDefinition = "")
public class AssessmentSlotAggregate {

    @AggregateIdentifier
    private String slotId;
    private String openAssessmentId;

    protected AssessmentSlotAggregate() {
        // for Axon
    }

    AssessmentSlotAggregate(String slotId) {
        this.slotId = slotId;
    }

    void claim(String assessmentId) {
        if (openAssessmentId != null) {
            throw new DomainException(ErrorCode.DUPLICATE_ASSESSMENT, "Assessment " + openAssessmentId
                    + " is still open for this subject, framework and year");
        }
        apply(new AssessmentSlotClaimedEvent(slotId, assessmentId));
    }

    void release(String assessmentId) {
        if (assessmentId.equals(openAssessmentId)) {
            apply(new AssessmentSlotReleasedEvent(slotId, assessmentId));
        }
    }

    @EventSourcingHandler
    void on(AssessmentSlotClaimedEvent event) {
        slotId = event.slotId();
        openAssessmentId = event.assessmentId();
    }

    @EventSourcingHandler
    void on(AssessmentSlotReleasedEvent event) {
        openAssessmentId = null;
    }
}
