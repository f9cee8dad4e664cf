package vn.xhht.ledger.command.assessment;

import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.assessment.AssessmentMessages;

/**
 * The policy "one open assessment per subject, framework and year": the slot is claimed with the assessment's opening
 * and released by its review, each in the same commit.
 */
@Component
public class AssessmentSlots {

    private final Repository<AssessmentSlotAggregate> slots;

    public AssessmentSlots(Repository<AssessmentSlotAggregate> slots) {
        this.slots = slots;
    }

    public void claim(String subjectUnitId, String framework, int year, String assessmentId) throws Exception {
        String slotId = AssessmentMessages.slotId(subjectUnitId, framework, year);
        slots.loadOrCreate(slotId, () -> new AssessmentSlotAggregate(slotId)).execute(slot -> slot.claim(assessmentId));
    }

    public void release(String subjectUnitId, String framework, int year, String assessmentId) {
        slots.load(AssessmentMessages.slotId(subjectUnitId, framework, year)).execute(slot -> slot.release(assessmentId));
    }
}
