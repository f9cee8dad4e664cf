package vn.xhht.ledger.infrastructure.eventstore;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;

import java.time.Instant;

/**
 * One event read back from a commit document, with the tracking token of its global position. Events that an
 * aggregate applied are {@link Domain} instances.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
class StoredEvent implements TrackedEventData<Object> {

    private final long position;
    private final String eventIdentifier;
    private final Instant timestamp;
    private final String type;
    private final String aggregateIdentifier;
    private final long sequenceNumber;
    private final SerializedObject payload;
    private final SerializedObject metaData;
    private final TrackingToken trackingToken;

    StoredEvent(long position, String eventIdentifier, Instant timestamp, String type, String aggregateIdentifier,
                long sequenceNumber, SerializedObject<?> payload, SerializedObject<?> metaData,
                TrackingToken trackingToken) {
        this.position = position;
        this.eventIdentifier = eventIdentifier;
        this.timestamp = timestamp;
        this.type = type;
        this.aggregateIdentifier = aggregateIdentifier;
        this.sequenceNumber = sequenceNumber;
        this.payload = payload;
        this.metaData = metaData;
        this.trackingToken = trackingToken;
    }

    static StoredEvent of(long position, String eventIdentifier, Instant timestamp, String type,
                          String aggregateIdentifier, long sequenceNumber, SerializedObject<?> payload,
                          SerializedObject<?> metaData, TrackingToken trackingToken) {
        return aggregateIdentifier == null
                ? new StoredEvent(position, eventIdentifier, timestamp, null, null, 0, payload, metaData,
                                  trackingToken)
                : new Domain(position, eventIdentifier, timestamp, type, aggregateIdentifier, sequenceNumber,
                             payload, metaData, trackingToken);
    }

    StoredEvent withToken(TrackingToken token) {
        return of(position, eventIdentifier, timestamp, type, aggregateIdentifier, sequenceNumber, payload,
                  metaData, token);
    }

    /** An event applied by an aggregate. */
    static final class Domain extends StoredEvent implements DomainEventData<Object> {
        Domain(long position, String eventIdentifier, Instant timestamp, String type, String aggregateIdentifier,
               long sequenceNumber, SerializedObject<?> payload, SerializedObject<?> metaData,
               TrackingToken trackingToken) {
            super(position, eventIdentifier, timestamp, type, aggregateIdentifier, sequenceNumber, payload, metaData,
                  trackingToken);
        }
    }

    public String getType() {
        return type;
    }

    public String getAggregateIdentifier() {
        return aggregateIdentifier;
    }

    public long getSequenceNumber() {
        return sequenceNumber;
    }

    @Override
    public String getEventIdentifier() {
        return eventIdentifier;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    @Override
    public SerializedObject<Object> getMetaData() {
        return metaData;
    }

    @Override
    public SerializedObject<Object> getPayload() {
        return payload;
    }

    @Override
    public TrackingToken trackingToken() {
        return trackingToken;
    }
}
