package vn.xhht.ledger.query.support;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/**
 * Record times in view documents, to the nanosecond of the event's timestamp: a BSON date holds milliseconds, so the
 * nanoseconds below the millisecond go beside it ({@code <field>n}). Without them a read "as of" an instant just
 * before an event, within the same millisecond, would already see it. Documents written before this was kept have
 * millisecond record times.
 */
public final class RecordTime {

    private RecordTime() {
    }

    public static Document put(Document document, String field, Instant at) {
        if (at == null) {
            return document.append(field, null);
        }
        document.append(field, Date.from(at));
        int nanos = at.getNano() % 1_000_000;
        return nanos == 0 ? document : document.append(field + "n", nanos);
    }

    /** The record time of the event being handled (its timestamp); now, outside event handling. */
    public static Instant ofEventBeingHandled() {
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().getMessage() instanceof EventMessage<?> event) {
            return event.getTimestamp();
        }
        return Instant.now();
    }

    public static Instant get(Document document, String field) {
        Date date = document.getDate(field);
        if (date == null) {
            return null;
        }
        Integer nanos = document.getInteger(field + "n");
        return nanos == null ? date.toInstant() : date.toInstant().plusNanos(nanos);
    }
}
