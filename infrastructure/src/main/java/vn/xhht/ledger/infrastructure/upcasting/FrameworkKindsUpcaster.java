package vn.xhht.ledger.infrastructure.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.framework.FrameworkMessages;
import vn.xhht.ledger.domain.framework.FrameworkMessages.FrameworkVersionPublishedEvent;

/**
 * Reads a framework version published before per-level targets (revision 1, stored without a revision) as revision
 * 2: each indicator gets the {@code kind} its document implied — POINTS in a points framework, CONDITION (met or
 * not, at the levels it names) in an all-met one. Nothing else changes; the stored event stays as it was.
 */
@Component
public class FrameworkKindsUpcaster extends RevisionUpcaster {

    public FrameworkKindsUpcaster() {
        super(null, FrameworkMessages.PUBLISHED_REVISION, FrameworkKindsUpcaster::withKinds, FrameworkVersionPublishedEvent.class);
    }

    static JsonNode withKinds(JsonNode payload) {
        JsonNode upcast = payload.deepCopy();
        JsonNode framework = upcast.path("framework");
        String kind = "POINTS".equals(framework.path("decision").asText()) ? "POINTS" : "CONDITION";
        for (JsonNode criterion : framework.path("criteria")) {
            for (JsonNode indicator : criterion.path("indicators")) {
                if (indicator instanceof ObjectNode object && (!object.has("kind") || object.get("kind").isNull())) {
                    object.put("kind", kind);
                }
            }
        }
        return upcast;
    }
}
