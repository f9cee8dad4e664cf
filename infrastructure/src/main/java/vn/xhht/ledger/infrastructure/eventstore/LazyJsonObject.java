package vn.xhht.ledger.infrastructure.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;

/**
 * A stored payload or metadata document, turned into a Jackson tree only when someone reads it: processors
 * skip most event types by their serialized type alone, without ever touching the data.
 */
final class LazyJsonObject implements SerializedObject<JsonNode> {

    private final Object bson;
    private final SerializedType type;
    private volatile JsonNode data;

    LazyJsonObject(Object bson, SerializedType type) {
        this.bson = bson;
        this.type = type;
    }

    @Override
    public Class<JsonNode> getContentType() {
        return JsonNode.class;
    }

    @Override
    public SerializedType getType() {
        return type;
    }

    @Override
    public JsonNode getData() {
        JsonNode result = data;
        if (result == null) {
            result = BsonJson.toJson(bson);
            data = result;
        }
        return result;
    }
}
