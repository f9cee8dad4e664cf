package vn.xhht.ledger.infrastructure.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.framework.FrameworkMessages;
import vn.xhht.ledger.domain.framework.FrameworkMessages.FrameworkVersionPublishedEvent;

/**
 * Reads a framework version of revision 2 (kinds and per-level targets) as revision 3: it names no survey figures,
 * ĐBKK variants, prerequisites or roll-up rules — none of its indicators read a survey — so its content is kept as it
 * is and only the revision moves on. (Revision 1 is read as 3 directly by {@link FrameworkKindsUpcaster}.)
 */
@Component
public class FrameworkSurveyFieldsUpcaster extends SingleEventUpcaster {

    private static final String TYPE = FrameworkVersionPublishedEvent.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPE.equals(representation.getType().getName()) && "2".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, FrameworkMessages.PUBLISHED_REVISION),
                                            JsonNode.class, payload -> payload);
    }
}
