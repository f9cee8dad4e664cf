package vn.xhht.ledger.query.history;

import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;

/**
 * An event's payload, metadata and position in the form the log stores them (the event store's serializer's tree as BSON), so
 * that the history shows an event, and folds what it changed, exactly as {@code /audit/events} reads it from the log.
 * Provided by the service's composition root, which owns the event store's format.
 */
public interface StoredForm {

    /** The payload as a document; null when the log keeps it otherwise (text or bytes). */
    Document payload(EventMessage<?> event);

    /** The metadata (actor, roles, reason, correlation id) as a document; null when the log keeps it otherwise. */
    Document metaData(EventMessage<?> event);

    /**
     * The event's own position in the log; -1 if the log does not hold it. Not its tracking token's position: that
     * is the highest position the reader has seen, which for an event committed late (filling a gap) is another
     * event's.
     */
    long position(EventMessage<?> event);
}
