package vn.xhht.ledger.infrastructure.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.plan.PlanContent;
import vn.xhht.ledger.domain.plan.PlanEvents;


/**
 * Reads a plan drafted or amended before tasks and deadlines had ids (revision 1, without a revision) as revision 2:
 * the {@code n}-th task and deadline get the id the plan gives its {@code n}-th item ({@link PlanContent#itemId}),
 * the ids a plan drafted today with the same lists would give. Deadlines name no reporters of their own, no kind and
 * no recurrence (null). The stored event stays as it was.
 */
@Component
public class PlanItemIdsUpcaster extends RevisionUpcaster {

    public PlanItemIdsUpcaster() {
        super(null, PlanEvents.CONTENT_REVISION, PlanItemIdsUpcaster::withIds, PlanEvents.PlanDraftedEvent.class,
              PlanEvents.PlanAmendedEvent.class);
    }

    static JsonNode withIds(JsonNode payload) {
        JsonNode upcast = payload.deepCopy();
        String planId = upcast.path("planId").asText();
        number(upcast.path("tasks"), planId, "task", "taskId");
        number(upcast.path("deadlines"), planId, "deadline", "deadlineId");
        return upcast;
    }

    private static void number(JsonNode items, String planId, String what, String field) {
        int n = 0;
        for (JsonNode item : items) {
            n++;
            if (item instanceof ObjectNode object && (!object.has(field) || object.get(field).isNull())) {
                object.put(field, PlanContent.itemId(planId, what, n));
            }
        }
    }
}
