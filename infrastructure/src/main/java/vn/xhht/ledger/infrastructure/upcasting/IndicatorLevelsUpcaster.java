package vn.xhht.ledger.infrastructure.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.indicator.IndicatorMessages;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.IndicatorCataloguePublishedEvent;

/**
 * Reads an indicator catalogue published before quantities could name a level (no revision) as revision 2: none of
 * its title-holders quantities counted by level, so its content is kept as it is and only the revision moves on.
 */
@Component
public class IndicatorLevelsUpcaster extends SingleEventUpcaster {

    private static final String TYPE = IndicatorCataloguePublishedEvent.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPE.equals(representation.getType().getName()) && representation.getType().getRevision() == null;
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, IndicatorMessages.PUBLISHED_REVISION),
                                            JsonNode.class, payload -> payload);
    }
}
