package vn.xhht.ledger.infrastructure.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.bson.Document;
import org.bson.types.Binary;

import java.time.Instant;
import java.util.Date;

/**
 * Writes one event message as a BSON sub-document of a commit, and reads it back as {@link StoredEvent}.
 * <p>
 * With a Jackson serializer the payload and the metadata are stored as BSON documents a person can read and
 * query ({@code p}, {@code m}); a tree MongoDB cannot hold as a document (field names with {@code $} or
 * {@code .}) is kept as JSON text ({@code pj}, {@code mj}); any other serializer's bytes go to {@code pb},
 * {@code mb}. Timestamps are BSON dates ({@code ts}) plus the nanoseconds below the millisecond ({@code tn}).
 */
public final class EventDocumentCodec {

    static final String ID = "id";
    static final String TIMESTAMP = "ts";
    static final String TIMESTAMP_NANOS = "tn";
    static final String AGGREGATE_TYPE = "type";
    public static final String AGGREGATE_ID = "agg";
    static final String SEQUENCE = "seq";
    public static final String PAYLOAD_TYPE = "ptype";
    static final String PAYLOAD_REVISION = "prev";
    static final String PAYLOAD = "p";
    static final String METADATA = "m";
    private static final String JSON_TEXT_SUFFIX = "j";
    private static final String BYTES_SUFFIX = "b";
    private static final SerializedType METADATA_TYPE = new SimpleSerializedType(MetaData.class.getName(), null);

    private EventDocumentCodec() {
    }

    static Document encode(EventMessage<?> event, Serializer serializer) {
        Document document = new Document(ID, event.getIdentifier());
        Instant timestamp = event.getTimestamp();
        document.put(TIMESTAMP, Date.from(timestamp));
        int nanosBelowMilli = timestamp.getNano() % 1_000_000;
        if (nanosBelowMilli != 0) {
            document.put(TIMESTAMP_NANOS, nanosBelowMilli);
        }
        if (event instanceof DomainEventMessage<?> domainEvent) {
            document.put(AGGREGATE_TYPE, domainEvent.getType());
            document.put(AGGREGATE_ID, domainEvent.getAggregateIdentifier());
            document.put(SEQUENCE, domainEvent.getSequenceNumber());
        }
        if (serializer.canSerializeTo(JsonNode.class)) {
            SerializedObject<JsonNode> payload = event.serializePayload(serializer, JsonNode.class);
            document.put(PAYLOAD_TYPE, payload.getType().getName());
            putIfNotNull(document, PAYLOAD_REVISION, payload.getType().getRevision());
            putJson(document, PAYLOAD, payload.getData());
            putJson(document, METADATA, event.serializeMetaData(serializer, JsonNode.class).getData());
        } else {
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            document.put(PAYLOAD_TYPE, payload.getType().getName());
            putIfNotNull(document, PAYLOAD_REVISION, payload.getType().getRevision());
            document.put(PAYLOAD + BYTES_SUFFIX, new Binary(payload.getData()));
            document.put(METADATA + BYTES_SUFFIX,
                         new Binary(event.serializeMetaData(serializer, byte[].class).getData()));
        }
        return document;
    }

    static StoredEvent decode(Document document, long position) {
        Instant timestamp = document.getDate(TIMESTAMP).toInstant();
        Integer nanos = document.getInteger(TIMESTAMP_NANOS);
        if (nanos != null) {
            timestamp = timestamp.plusNanos(nanos);
        }
        String eventIdentifier = document.getString(ID);
        String aggregateIdentifier = document.getString(AGGREGATE_ID);
        Number sequence = (Number) document.get(SEQUENCE);
        SerializedType payloadType = new SimpleSerializedType(document.getString(PAYLOAD_TYPE),
                                                              document.getString(PAYLOAD_REVISION));
        return StoredEvent.of(position, eventIdentifier, timestamp, document.getString(AGGREGATE_TYPE),
                               aggregateIdentifier, sequence == null ? 0L : sequence.longValue(),
                               serialized(document, PAYLOAD, payloadType),
                               serialized(document, METADATA, METADATA_TYPE),
                               null);
    }

    private static void putJson(Document document, String field, JsonNode json) {
        if (BsonJson.storableAsBson(json)) {
            document.put(field, BsonJson.toBson(json));
        } else {
            document.put(field + JSON_TEXT_SUFFIX, json.toString());
        }
    }

    private static SerializedObject<?> serialized(Document document, String field, SerializedType type) {
        if (document.containsKey(field)) {
            return new LazyJsonObject(document.get(field), type);
        }
        String text = document.getString(field + JSON_TEXT_SUFFIX);
        if (text != null) {
            return new SimpleSerializedObject<>(text, String.class, type);
        }
        Binary bytes = document.get(field + BYTES_SUFFIX, Binary.class);
        return new SimpleSerializedObject<>(bytes.getData(), byte[].class, type);
    }

    private static void putIfNotNull(Document document, String field, Object value) {
        if (value != null) {
            document.put(field, value);
        }
    }
}
