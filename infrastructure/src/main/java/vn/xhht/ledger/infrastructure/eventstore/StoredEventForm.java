package vn.xhht.ledger.infrastructure.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import vn.xhht.ledger.query.history.StoredForm;

/**
 * The event store's own form of an event's payload and metadata ({@link EventDocumentCodec}: the serializer's JSON
 * tree as BSON), for the history view. A tree the log keeps as text or bytes has no document form here (null).
 */
public final class StoredEventForm implements StoredForm {

    private final Serializer serializer;

    public StoredEventForm(Serializer eventSerializer) {
        this.serializer = eventSerializer;
    }

    @Override
    public Document payload(EventMessage<?> event) {
        if (!serializer.canSerializeTo(JsonNode.class)) {
            return null;
        }
        return document(event.serializePayload(serializer, JsonNode.class).getData());
    }

    @Override
    public Document metaData(EventMessage<?> event) {
        if (!serializer.canSerializeTo(JsonNode.class)) {
            return null;
        }
        return document(event.serializeMetaData(serializer, JsonNode.class).getData());
    }

    private static Document document(JsonNode tree) {
        if (tree == null || !tree.isObject() || !BsonJson.storableAsBson(tree)) {
            return null;
        }
        return (Document) BsonJson.toBson(tree);
    }
}
