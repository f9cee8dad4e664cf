package vn.xhht.ledger.infrastructure.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.assessment.AssessmentMessages;

import java.util.Set;

/**
 * Reads the assessment events stored before ratio and count values (revision 1, without a revision) as revision 2.
 * Their scores and adjustments held points or met only, which revision 2 reads the same way (the new parts are
 * absent, so null): the payload is kept as it is and only its revision moves on.
 */
@Component
public class AssessmentValuesUpcaster extends SingleEventUpcaster {

    static final Set<String> TYPES = Set.of(AssessmentMessages.AssessmentOpenedEvent.class.getName(),
                                            AssessmentMessages.AssessmentScoresUpdatedEvent.class.getName(),
                                            AssessmentMessages.AssessmentReviewedEvent.class.getName());

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPES.contains(representation.getType().getName()) && representation.getType().getRevision() == null;
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(
                new SimpleSerializedType(representation.getType().getName(), AssessmentMessages.VALUES_REVISION),
                JsonNode.class, payload -> payload);
    }
}
