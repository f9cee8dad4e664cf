package vn.xhht.ledger.domain.history;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Queries on what happened to a unit and its subtree (API.md: History and audit), answered from the history view:
 * every event that concerns a unit (its own, and every event of an aggregate that names it — a plan it issued, an
 * assessment or a title of it, a batch or a baseline at it, a merge into it), kept under that unit and under every
 * unit whose subtree it ever lay in. Bookkeeping events (a fact's admission, a shard fenced or sealed) are in the log,
 * not in any unit's history.
 *
 * <p>The subtree's members come with the query (the unit view answers which units a subtree held, on a date or on
 * any, as known at an instant): an event is listed when one of the units it concerns is among them.
 */
public final class HistoryQueries {
    private HistoryQueries() {
    }

    /**
     * A page of a unit's history, newest first: events before the position {@code before} ({@link Long#MAX_VALUE}:
     * from the newest), of which one of the units concerned is in {@code memberIds}, recorded at or before
     * {@code asOf} (null: now). Answered as a {@code Page<HistoryEntry>} whose cursor is the last entry's position.
     */
    public record FetchUnitHistoryQuery(String unitId, Collection<String> memberIds, long before, int limit,
                                        Instant asOf) {
    }

    /**
     * A page of a unit subtree's log, oldest first: events after the position {@code after}, concerning one of
     * {@code memberIds}, each optional filter applied ({@code aggregateId}, {@code actor}, {@code type} the event's
     * simple name, {@code from}/{@code to}
     * the record time with {@code to} excluded, {@code asOf} recorded at or before). Answered as a
     * {@code Page<LoggedEvent>} whose cursor is the last event's position.
     */
    public record FetchSubtreeEventsQuery(String unitId, Collection<String> memberIds, long after, int limit,
                                          String aggregateId, String actor, String type, Instant from, Instant to,
                                          Instant asOf) {
    }

    /** A field an event set: its value before (the aggregate's earlier events folded) and after. */
    public record Change(String field, Object before, Object after) {
    }

    /**
     * One event as an auditor reads it: who, with which roles, why, under which correlation id, what the event said
     * and what it changed.
     */
    public record LoggedEvent(long position, String eventId, String type, String aggregateType, String aggregateId,
                              Long sequence, Instant timestamp, String actor, Object roles, String reason,
                              String correlationId, Object payload, List<Change> changes, ImportSource importedFrom) {

        public LoggedEvent(long position, String eventId, String type, String aggregateType, String aggregateId,
                           Long sequence, Instant timestamp, String actor, Object roles, String reason,
                           String correlationId, Object payload, List<Change> changes) {
            this(position, eventId, type, aggregateType, aggregateId, sequence, timestamp, actor, roles, reason,
                 correlationId, payload, changes, null);
        }
    }

    /** Where an imported change came from: the file's SHA-256 and the spreadsheet row (null: not imported). */
    public record ImportSource(String file, Integer row) {

        /** The source named by an event's metadata values, or null. */
        public static ImportSource of(Object file, Object row) {
            return file == null ? null : new ImportSource(file.toString(), row instanceof Number n ? n.intValue() : null);
        }

        /** "nhập từ tệp 3f2a9c1e… dòng 12" */
        public String vi() {
            return "nhập từ tệp " + file.substring(0, Math.min(8, file.length())) + "… dòng " + row;
        }

        public String en() {
            return "imported from file " + file.substring(0, Math.min(8, file.length())) + "… row " + row;
        }
    }

    /** One entry of a unit's history: the event as a sentence in Vietnamese and in English, and the event itself. */
    public record HistoryEntry(long position, Instant timestamp, String actor, String vi, String en,
                               LoggedEvent event) {
    }
}
