package vn.xhht.ledger.infrastructure.eventstore;

/**
 * One commit that holds two events with the same identifier, or the same aggregate sequence number twice.
 * Reported to the {@code PersistenceExceptionResolver} like a duplicate key from the database, because it is one:
 * a single document cannot violate a unique index against itself, so the engine checks it before writing.
 */
public class DuplicateEventInCommitException extends RuntimeException {
    public DuplicateEventInCommitException(String message) {
        super(message);
    }
}
