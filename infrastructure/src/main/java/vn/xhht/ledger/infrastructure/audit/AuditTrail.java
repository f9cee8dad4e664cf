package vn.xhht.ledger.infrastructure.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import vn.xhht.ledger.domain.common.Page;
import vn.xhht.ledger.domain.history.HistoryQueries.Change;
import vn.xhht.ledger.domain.common.AuditMetaData;
import vn.xhht.ledger.domain.history.HistoryQueries.ImportSource;
import vn.xhht.ledger.domain.history.HistoryQueries.LoggedEvent;
import vn.xhht.ledger.query.history.StatePaths;
import vn.xhht.ledger.infrastructure.eventstore.MongoCommitStorageEngine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.regex;

/**
 * {@code GET /audit/events}: the event log as an auditor reads it — who, with which roles, why, under which
 * correlation id, what the event said, and {@code changes}: for every field the event sets, the value the aggregate
 * held before and the value after (a plan's target 0.55 → 0.60, a unit's parent, a score). The state before is
 * folded from the aggregate's earlier events, field by field ({@link StatePaths}); nothing is kept besides the log,
 * so the answer cannot drift from it. Paged over the global position, whole commits at a time.
 */
public class AuditTrail {

    /** Commits per reply: small enough for the embedded server, which does not cap replies at 16 MB (LogVerifier). */
    private static final int SCAN_BATCH = 20;

    private final MongoCollection<Document> events;

    public AuditTrail(MongoDatabase database) {
        this.events = database.getCollection(MongoCommitStorageEngine.EVENTS);
    }

    /**
     * What to list; every part optional. {@code type} is the event's simple name, e.g. {@code PlanAmendedEvent};
     * {@code from}/{@code to} the record time, {@code to} excluded; {@code asOf} the log as it stood then (recorded at
     * or before it).
     */
    public record Filter(String aggregateId, String actor, String type, Instant from, Instant to, Instant asOf) {
    }

    public Page<LoggedEvent> page(Filter filter, long after, int limit) {
        if (filter.aggregateId() != null) {
            // an aggregate's commits by their stream keys: a keyed read, where a filter on the keys' prefix would read
            // every commit on the embedded server; read once, they give the page and the fold of its changes
            String aggregate = filter.aggregateId();
            List<Document> commits = MongoCommitStorageEngine.streamCommits(events, aggregate);
            Map<String, Fold> folds = new HashMap<>();
            folds.put(aggregate, new Fold(eventsOf(aggregate, commits)));
            return page(commits.stream().filter(commit -> ((Number) commit.get("_id")).longValue() > after).iterator(),
                        filter, after, limit, folds);
        }
        List<Bson> conditions = new ArrayList<>();
        conditions.add(gt("_id", after));
        if (filter.actor() != null) {
            conditions.add(eq("events.m.actor", filter.actor()));
        }
        if (filter.type() != null) {
            conditions.add(regex("events.ptype", "[.$]" + Pattern.quote(filter.type()) + "$"));
        }
        if (filter.from() != null) {
            conditions.add(gte("events.ts", Date.from(filter.from())));
        }
        if (filter.to() != null) {
            conditions.add(lt("events.ts", Date.from(filter.to())));
        }
        if (filter.asOf() != null) {
            conditions.add(lte("events.ts", Date.from(filter.asOf())));
        }
        // the cursor is closed when the page is full: left open, the embedded server would keep every commit it
        // had not sent yet in memory (one such cursor per request grew the heap without bound in the soak)
        try (MongoCursor<Document> commits = events.find(and(conditions)).sort(Sorts.ascending("_id"))
                                                  .batchSize(SCAN_BATCH).iterator()) {
            return page(commits, filter, after, limit, new HashMap<>());
        }
    }

    /**
     * The page of the filter's events in these commits (in position order, after the cursor); an aggregate without a
     * fold yet has its stream read for one.
     */
    private Page<LoggedEvent> page(Iterator<Document> commits, Filter filter, long after, int limit,
                                   Map<String, Fold> folds) {
        List<LoggedEvent> items = new ArrayList<>();
        long last = after;
        boolean more = false;
        while (commits.hasNext()) {
            Document commit = commits.next();
            if (items.size() >= limit) {
                more = true;
                break;
            }
            long first = ((Number) commit.get("_id")).longValue();
            List<Document> eventDocuments = commit.getList("events", Document.class);
            for (int i = 0; i < eventDocuments.size(); i++) {
                Document event = eventDocuments.get(i);
                if (matches(event, filter)) {
                    items.add(item(first + i, event, folds));
                }
            }
            last = first + eventDocuments.size() - 1;
        }
        return new Page<>(items, more ? Long.toString(last) : null);
    }

    private static boolean matches(Document event, Filter filter) {
        Document meta = event.get("m", Document.class);
        Date at = event.getDate("ts");
        String type = simpleName(event.getString("ptype"));
        return (filter.aggregateId() == null || filter.aggregateId().equals(event.getString("agg")))
                && (filter.actor() == null || (meta != null && filter.actor().equals(meta.getString("actor"))))
                && (filter.type() == null || filter.type().equals(type))
                && (filter.from() == null || !at.toInstant().isBefore(filter.from()))
                && (filter.to() == null || at.toInstant().isBefore(filter.to()))
                && recordedBy(event, filter.asOf());
    }

    /** Whether the event was recorded at or before the instant (null: always), to the nanosecond. */
    private static boolean recordedBy(Document event, Instant asOf) {
        return asOf == null || !recordedAt(event).isAfter(asOf);
    }

    /** The event's record time: its timestamp, to the nanosecond where the store kept it. */
    private static Instant recordedAt(Document event) {
        Integer nanos = event.getInteger("tn");
        Instant at = event.getDate("ts").toInstant();
        return nanos == null ? at : at.plusNanos(nanos);
    }

    private LoggedEvent item(long position, Document event, Map<String, Fold> folds) {
        Document meta = event.get("m", Document.class);
        Document payload = event.get("p", Document.class);
        String aggregate = event.getString("agg");
        Number sequence = (Number) event.get("seq");
        List<Change> changes = List.of();
        if (aggregate != null && sequence != null && payload != null) {
            Fold fold = folds.computeIfAbsent(aggregate, a -> new Fold(stream(a)));
            changes = fold.changesBy(sequence.longValue(), payload).stream()
                          .map(c -> new Change(c.path(), StatePaths.plain(c.before()), StatePaths.plain(c.after())))
                          .toList();
        }
        return new LoggedEvent(position, event.getString("id"), simpleName(event.getString("ptype")), event.getString("type"),
                        aggregate, sequence == null ? null : sequence.longValue(), recordedAt(event),
                        meta == null ? null : meta.getString("actor"),
                        meta == null ? null : StatePaths.plain(meta.get("roles")),
                        meta == null ? null : meta.getString("reason"),
                        meta == null ? null : meta.getString("correlationId"),
                        StatePaths.plain(payload), changes,
                        meta == null ? null : ImportSource.of(meta.get(AuditMetaData.IMPORT_FILE), meta.get(AuditMetaData.IMPORT_ROW)));
    }

    /**
     * An aggregate's state folded from its events, moving forward as a page lists them: an item folds only the events
     * between the previous item of the aggregate and itself, not the whole stream again (an aggregate's events come
     * in sequence order along the log; an item out of that order starts the fold afresh).
     */
    private static final class Fold {
        private final List<Document> stream;
        private StatePaths state = new StatePaths();
        private int next;
        private long folded = -1;

        Fold(List<Document> stream) {
            this.stream = stream;
        }

        /** What the event at {@code sequence} changed, its earlier events folded; then the state includes it. */
        List<StatePaths.PathChange> changesBy(long sequence, Document payload) {
            if (sequence <= folded) {
                state = new StatePaths();
                next = 0;
            }
            for (; next < stream.size(); next++) {
                Document earlier = stream.get(next);
                Number earlierSequence = (Number) earlier.get("seq");
                if (earlierSequence != null && earlierSequence.longValue() >= sequence) {
                    break;
                }
                if (earlierSequence != null && earlier.get("p") instanceof Document earlierPayload) {
                    state.apply(earlierPayload);
                }
            }
            while (next < stream.size() && ((Number) stream.get(next).get("seq")).longValue() == sequence) {
                next++; // the event itself: changesBy folds it in
            }
            folded = sequence;
            return state.changesBy(payload);
        }
    }

    /** The aggregate's events in order (read by their stream keys). */
    private List<Document> stream(String aggregate) {
        return eventsOf(aggregate, MongoCommitStorageEngine.streamCommits(events, aggregate));
    }

    /** The aggregate's events in these commits, in sequence order. */
    private static List<Document> eventsOf(String aggregate, List<Document> commits) {
        List<Document> result = new ArrayList<>();
        for (Document commit : commits) {
            for (Document event : commit.getList("events", Document.class)) {
                if (Objects.equals(aggregate, event.getString("agg"))) {
                    result.add(event);
                }
            }
        }
        result.sort((a, b) -> Long.compare(((Number) a.get("seq")).longValue(), ((Number) b.get("seq")).longValue()));
        return result;
    }

    /**
     * The aggregates whose events concern the units: the units themselves and every aggregate with an event naming
     * one of them (a plan it issued, an assessment or title of it, a batch or baseline at it, a merge into it).
     */
    public Set<String> aggregatesConcerning(Collection<String> unitIds) {
        Set<String> aggregates = new HashSet<>(unitIds);
        Bson naming = or(in("events.p.unitId", unitIds), in("events.p.subjectUnitId", unitIds),
                         in("events.p.issuerUnitId", unitIds), in("events.p.intoId", unitIds));
        for (Document commit : events.find(naming).projection(new Document("events.agg", 1).append("events.p", 1))) {
            for (Document event : commit.getList("events", Document.class)) {
                // the aggregate of the event that names a unit, not every aggregate that shares its commit (an
                // admission shard holds the facts of a whole province)
                if (event.getString("agg") != null && names(event.get("p", Document.class), unitIds)) {
                    aggregates.add(event.getString("agg"));
                }
            }
        }
        return aggregates;
    }

    private static boolean names(Document payload, Collection<String> unitIds) {
        if (payload == null) {
            return false;
        }
        for (String field : List.of("unitId", "subjectUnitId", "issuerUnitId", "intoId")) {
            if (unitIds.contains(payload.getString(field))) {
                return true;
            }
        }
        return false;
    }

    static String simpleName(String type) {
        if (type == null) {
            return null;
        }
        int cut = Math.max(type.lastIndexOf('.'), type.lastIndexOf('$'));
        return type.substring(cut + 1);
    }
}
