package vn.xhht.ledger.infrastructure.upcasting;

import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.assessment.AssessmentMessages;


/**
 * Reads the assessment events stored before ratio and count values (revision 1, without a revision) as revision 2.
 * Their scores and adjustments held points or met only, which revision 2 reads the same way (the new parts are
 * absent, so null): the payload is kept as it is and only its revision moves on.
 */
@Component
public class AssessmentValuesUpcaster extends RevisionUpcaster {

    public AssessmentValuesUpcaster() {
        super(null, AssessmentMessages.VALUES_REVISION, payload -> payload, AssessmentMessages.AssessmentOpenedEvent.class,
              AssessmentMessages.AssessmentScoresUpdatedEvent.class, AssessmentMessages.AssessmentReviewedEvent.class);
    }
}
