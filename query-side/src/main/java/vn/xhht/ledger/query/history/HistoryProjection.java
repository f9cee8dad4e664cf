package vn.xhht.ledger.query.history;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.Page;
import vn.xhht.ledger.domain.history.HistoryQueries.Change;
import vn.xhht.ledger.domain.history.HistoryQueries.FetchSubtreeEventsQuery;
import vn.xhht.ledger.domain.common.AuditMetaData;
import vn.xhht.ledger.domain.history.HistoryQueries.FetchUnitHistoryQuery;
import vn.xhht.ledger.domain.history.HistoryQueries.ImportSource;
import vn.xhht.ledger.domain.history.HistoryQueries.HistoryEntry;
import vn.xhht.ledger.domain.history.HistoryQueries.LoggedEvent;
import vn.xhht.ledger.query.history.HistoryIndex.Entry;
import vn.xhht.ledger.query.support.RecordTime;
import vn.xhht.ledger.query.support.Packed;
import vn.xhht.ledger.query.support.Replayable;
import vn.xhht.ledger.query.support.ViewBatch;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * What happened to each unit and its subtree, kept so that a page is a few reads by key ({@link HistoryIndex}):
 * <ul>
 * <li>{@code history_entries}: each event once, by position — who, roles, why, correlation id, the payload as the log
 * stores it, and what it changed (before → after, folded from its aggregate's earlier events), these three
 * {@link Packed};</li>
 * <li>{@code history_pages}, {@code history_heads}: each unit's history as positions, newest appended;</li>
 * <li>{@code history_units}: every parent each unit has ever had, recorded at any time for any date;</li>
 * <li>{@code history_aggregates}: per aggregate, the units its events concern, the last sequence handled, and
 * {@link Packed} its state (for the before → after of its next event) and its events' positions while they fill less
 * than a page; beyond that ({@code paged}) they are paged in the index under {@code @events:<aggregate>}.</li>
 * </ul>
 * An event concerns the units its payload names ({@code unitId}, {@code subjectUnitId}, {@code issuerUnitId},
 * {@code intoId}) and every unit its aggregate's events ever named (a plan's issue concerns the unit that drafted
 * it). It is kept in the history of each such unit and of every unit whose subtree that unit ever lay in. When a unit
 * gains a parent (registered under one, moved), its whole history joins the history of every ancestor it did not
 * have; when an aggregate names a unit for the first time (a commune merged into another), its earlier events join
 * that unit's history. Which of the kept units were in the subtree on a date, or as known at an instant, is the unit
 * view's answer; the query brings them and the pages are filtered by them. Bookkeeping events (a fact's admission to
 * a period, a shard fenced or sealed, a fact counted by a ledger) are not history.
 *
 * <p>Handling an event again changes nothing: the aggregate's document, written last, holds the last sequence
 * handled (an aggregate's events arrive in sequence order).
 */
@Component
@ProcessingGroup(HistoryProjection.NAME)
public class HistoryProjection implements Replayable {

    public static final String NAME = "history";
    /**
     * The shape of the view's documents: 2 — the registers' bookkeeping twins of told events are no longer kept; 3 —
     * entries' payloads, pages and aggregates' states {@link Packed}, an aggregate's first events in its document; 4 —
     * a page's entries one after another.
     */
    public static final int SHAPE = 4;
    static final String ENTRIES = "history_entries";
    static final String UNITS = "history_units";
    static final String AGGREGATES = "history_aggregates";
    private static final List<String> NAMING_FIELDS = List.of("unitId", "subjectUnitId", "issuerUnitId", "intoId");
    private static final Set<String> PLACEMENTS = Set.of("UnitRegisteredEvent", "UnitMovedEvent");
    private static final int MAX_DEPTH = 16;
    /**
     * An aggregate's own events are kept in the history index under this prefix and its id (no unit id holds
     * {@code @}): a bounded page at a time, not a list in the aggregate's document that would grow with its stream.
     */
    static final String AGGREGATE_EVENTS = "@events:";

    private final MongoDatabase database;
    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> pages;
    private final MongoCollection<Document> heads;
    private final StoredForm forms;
    private final ViewBatch batch;
    private final HistoryIndex index;
    /** The payloads of the batch's events as read ahead, by event identifier: each is converted once. */
    private Map<String, Document> batchPayloads = new HashMap<>();

    @Autowired
    public HistoryProjection(MongoDatabase readDatabase, StoredForm forms) {
        this(readDatabase, forms, ViewBatch.Mode.SHARED);
    }

    /** With {@link ViewBatch.Mode#REPLAY}: replays into a scratch database of its own (a verified rebuild). */
    public HistoryProjection(MongoDatabase readDatabase, StoredForm forms, ViewBatch.Mode mode) {
        this.database = readDatabase;
        this.entries = readDatabase.getCollection(ENTRIES);
        this.pages = readDatabase.getCollection(HistoryIndex.PAGES);
        this.heads = readDatabase.getCollection(HistoryIndex.HEADS);
        this.forms = forms;
        this.batch = new ViewBatch(readDatabase, mode, List.copyOf(collections()), List.of(AGGREGATES));
        this.index = new HistoryIndex(batch);
        batch.readAheadFor(this::readAhead);
    }

    /**
     * What a batch's events will look up, read ahead per collection and level: the units they name and every unit
     * those ever sat under, the heads and last pages of their histories and of the paged aggregates' own event lists.
     */
    private void readAhead(List<EventMessage<?>> events) {
        Set<String> units = new LinkedHashSet<>();
        Set<String> histories = new LinkedHashSet<>();
        Map<String, Document> payloads = new HashMap<>();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain
                    && !HistorySentences.BOOKKEEPING.contains(event.getPayloadType().getSimpleName())) {
                Document payload = forms.payload(event);
                if (payload != null) {
                    payloads.put(event.getIdentifier(), payload);
                }
                units.addAll(named(payload));
                if (payload != null && payload.get("parentId") instanceof String parent) {
                    units.add(parent);
                }
                Document aggregate = batch.find(AGGREGATES, domain.getAggregateIdentifier());
                if (aggregate != null && aggregate.getBoolean("paged", false)) {
                    histories.add(AGGREGATE_EVENTS + domain.getAggregateIdentifier());
                }
            }
        }
        batchPayloads = payloads;
        Set<String> seen = new LinkedHashSet<>(units);
        Set<String> level = units;
        for (int depth = 0; !level.isEmpty() && depth < MAX_DEPTH; depth++) {
            batch.readAhead(UNITS, level);
            Set<String> parents = new LinkedHashSet<>();
            for (String unit : level) {
                Document placed = batch.find(UNITS, unit);
                if (placed != null) {
                    placed.getList("parents", String.class).stream().filter(seen::add).forEach(parents::add);
                }
            }
            level = parents;
        }
        histories.addAll(seen);
        batch.readAhead(HistoryIndex.HEADS, histories);
        List<String> lastPages = new ArrayList<>();
        for (String history : histories) {
            Document head = batch.find(HistoryIndex.HEADS, history);
            int pages = head == null ? 0 : head.getList("firsts", Long.class).size();
            if (pages > 0) {
                lastPages.add(HistoryIndex.pageId(history, pages - 1));
            }
        }
        batch.readAhead(HistoryIndex.PAGES, lastPages);
    }

    /** The collections, in the order a batch writes them: the aggregates' documents, which mark events handled, last. */
    public static List<String> collections() {
        return List.of(ENTRIES, HistoryIndex.PAGES, HistoryIndex.HEADS, UNITS, AGGREGATES);
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) {
        batch.apply(() -> record(event));
    }

    @Override
    public void finishReplay() {
        batch.finish();
    }

    @ResetHandler
    void reset() {
        batch.discard();
        Flux.fromIterable(collections()).concatMap(name -> Mono.from(database.getCollection(name).drop())).blockLast();
    }

    private void record(EventMessage<?> event) {
        if (!(event instanceof DomainEventMessage<?> domain)) {
            return;
        }
        String type = event.getPayloadType().getSimpleName();
        if (HistorySentences.BOOKKEEPING.contains(type)) {
            return;
        }
        long position = forms.position(event);
        if (position < 0) {
            return;
        }
        String aggregateId = domain.getAggregateIdentifier();
        long sequence = domain.getSequenceNumber();
        Document aggregate = batch.find(AGGREGATES, aggregateId);
        Number handled = aggregate == null ? null : aggregate.get("sequence", Number.class);
        if (handled != null && handled.longValue() >= sequence) {
            return; // handled before (an aggregate's events arrive in sequence order)
        }
        Document kept = aggregate == null ? new Document() : Packed.unpack(aggregate.get("packed"));
        boolean paged = aggregate != null && aggregate.getBoolean("paged", false);
        Document read = batchPayloads.remove(event.getIdentifier());
        Document payload = read != null ? read : forms.payload(event);
        Document metaData = forms.metaData(event);
        StatePaths state = StatePaths.fromDocuments(kept.getList("state", Document.class));
        List<Document> changes = payload == null ? List.of() : state.changesBy(payload).stream()
                .map(c -> new Document("field", c.path()).append("before", c.before()).append("after", c.after()))
                .toList();
        Set<String> known = aggregate == null ? new LinkedHashSet<>()
                : new LinkedHashSet<>(aggregate.getList("units", String.class));
        Set<String> named = named(payload);
        Set<String> units = new LinkedHashSet<>(known);
        units.addAll(named);
        Instant at = event.getTimestamp();

        Document entry = new Document("position", position).append("eventId", event.getIdentifier())
                .append("type", type).append("aggregateType", domain.getType()).append("aggregateId", aggregateId)
                .append("sequence", sequence);
        RecordTime.put(entry, "ts", at);
        entry.append("packed", Packed.pack(new Document("metaData", metaData).append("payload", payload)
                                                                    .append("changes", changes)));
        batch.append(ENTRIES, key(position), entry); // written once: the same event makes the same entry

        if (PLACEMENTS.contains(type) && payload != null && payload.getString("parentId") != null) {
            adopt(payload.getString("unitId"), payload.getString("parentId"));
        }
        Set<String> newlyNamed = new LinkedHashSet<>(named);
        newlyNamed.removeAll(known);
        String ownEvents = AGGREGATE_EVENTS + aggregateId;
        List<Long> ownPositions = new ArrayList<>(kept.getList("p", Long.class, List.of()));
        List<Long> ownRecorded = new ArrayList<>(kept.getList("t", Long.class, List.of()));
        if (!newlyNamed.isEmpty() && aggregate != null) {
            List<Entry> before = new ArrayList<>();
            if (paged) {
                index.all(ownEvents).forEach(e -> before.add(new Entry(e.position(), e.recorded(), units)));
            }
            for (int i = 0; i < ownPositions.size(); i++) {
                before.add(new Entry(ownPositions.get(i), ownRecorded.get(i), units));
            }
            for (String target : ancestorsOrSelf(newlyNamed)) {
                index.add(target, before);
            }
        }
        Entry current = new Entry(position, nanos(at), units);
        for (String target : ancestorsOrSelf(units)) {
            index.add(target, List.of(current));
        }
        // the aggregate's own events, read back only when it names a unit for the first time: in its document while
        // they fill less than a page, then paged like a history
        if (paged) {
            index.add(ownEvents, List.of(new Entry(position, nanos(at), Set.of())));
        } else {
            ownPositions.add(position);
            ownRecorded.add(nanos(at));
            if (ownPositions.size() > HistoryIndex.PAGE_SIZE) {
                List<Entry> own = new ArrayList<>();
                for (int i = 0; i < ownPositions.size(); i++) {
                    own.add(new Entry(ownPositions.get(i), ownRecorded.get(i), Set.of()));
                }
                index.add(ownEvents, own);
                ownPositions.clear();
                ownRecorded.clear();
                paged = true;
            }
        }
        batch.replace(AGGREGATES, aggregateId, new Document("units", new ArrayList<>(units))
                .append("sequence", sequence).append("paged", paged)
                .append("packed", Packed.pack(new Document("state", state.toDocuments()).append("p", ownPositions)
                                                                                        .append("t", ownRecorded))));
    }

    /** The unit gains a parent: its history joins that of every ancestor it gains by it. */
    private void adopt(String unit, String parent) {
        Document known = batch.find(UNITS, unit);
        List<String> parents = known == null ? new ArrayList<>() : new ArrayList<>(known.getList("parents", String.class));
        if (parents.contains(parent)) {
            return;
        }
        Set<String> before = ancestorsOrSelf(Set.of(unit));
        parents.add(parent);
        batch.replace(UNITS, unit, new Document("parents", parents));
        Set<String> gained = ancestorsOrSelf(Set.of(unit));
        gained.removeAll(before);
        if (!gained.isEmpty()) {
            List<Entry> history = index.all(unit);
            for (String ancestor : gained) {
                index.add(ancestor, history);
            }
        }
    }

    /** The units and every unit they ever sat under, at any level. */
    private Set<String> ancestorsOrSelf(Set<String> units) {
        Set<String> found = new LinkedHashSet<>(units);
        Deque<String> pending = new ArrayDeque<>(units);
        int steps = 0;
        while (!pending.isEmpty() && steps++ < MAX_DEPTH * 1_000) {
            Document placed = batch.find(UNITS, pending.poll());
            if (placed != null) {
                for (String parent : placed.getList("parents", String.class)) {
                    if (found.add(parent)) {
                        pending.add(parent);
                    }
                }
            }
        }
        return found;
    }

    private static Set<String> named(Document payload) {
        Set<String> units = new LinkedHashSet<>();
        if (payload != null) {
            for (String field : NAMING_FIELDS) {
                if (payload.get(field) instanceof String unit) {
                    units.add(unit);
                }
            }
        }
        return units;
    }

    private static String key(long position) {
        return Long.toString(position);
    }

    private static long nanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    // ------------------------------------------------------------------------------------------ queries

    /** Answered as a raw {@code Page} (of {@link HistoryEntry}): a generic answer matches no instance response type. */
    @QueryHandler
    @SuppressWarnings("rawtypes")
    public CompletableFuture<Page> handle(FetchUnitHistoryQuery query) {
        Set<String> members = new HashSet<>(query.memberIds());
        Long asOf = query.asOf() == null ? null : nanos(query.asOf());
        Predicate<Entry> wanted = entry -> entry.position() < query.before()
                && (asOf == null || entry.recorded() <= asOf)
                && entry.units().stream().anyMatch(members::contains);
        return firsts(query.unitId())
                .flatMap(firsts -> newestFirst(query.unitId(), firsts,
                                               query.before() == Long.MAX_VALUE ? firsts.size() - 1
                                                       : HistoryIndex.pageFor(firsts, query.before() - 1),
                                               wanted, query.limit() + 1, new ArrayList<>()))
                .flatMap(found -> events(found.subList(0, Math.min(found.size(), query.limit())))
                        .map(events -> (Page) new Page<>(events.stream().map(HistoryProjection::entryOf).toList(),
                                                  found.size() > query.limit()
                                                          ? key(found.get(query.limit() - 1).position()) : null)))
                .defaultIfEmpty(new Page<>(List.of(), null))
                .toFuture();
    }

    /** Answered as a raw {@code Page} (of {@link LoggedEvent}). */
    @QueryHandler
    @SuppressWarnings("rawtypes")
    public CompletableFuture<Page> handle(FetchSubtreeEventsQuery query) {
        Set<String> members = new HashSet<>(query.memberIds());
        Long asOf = query.asOf() == null ? null : nanos(query.asOf());
        Long from = query.from() == null ? null : nanos(query.from());
        Long to = query.to() == null ? null : nanos(query.to());
        Predicate<Entry> candidate = entry -> entry.position() > query.after()
                && (asOf == null || entry.recorded() <= asOf)
                && (from == null || entry.recorded() >= from)
                && (to == null || entry.recorded() < to)
                && entry.units().stream().anyMatch(members::contains);
        Predicate<LoggedEvent> wanted = event -> (query.aggregateId() == null
                                                  || query.aggregateId().equals(event.aggregateId()))
                && (query.actor() == null || query.actor().equals(event.actor()))
                && (query.type() == null || query.type().equals(event.type()));
        return firsts(query.unitId())
                .flatMap(firsts -> oldestFirst(query.unitId(), firsts, HistoryIndex.pageFor(firsts, query.after() + 1),
                                               candidate, wanted, query.limit() + 1, new ArrayList<>()))
                .map(found -> (Page) new Page<>(found.subList(0, Math.min(found.size(), query.limit())),
                                         found.size() > query.limit()
                                                 ? key(found.get(query.limit() - 1).position()) : null))
                .defaultIfEmpty(new Page<>(List.of(), null))
                .toFuture();
    }

    /** The first position of each page of the unit's history; empty if it has none. */
    private Mono<List<Long>> firsts(String unit) {
        return Mono.from(heads.find(eq("_id", unit)).first())
                   .map(head -> head.getList("firsts", Long.class))
                   .filter(firsts -> !firsts.isEmpty());
    }

    /** Two pages at a time, from page {@code k} down, until {@code wanted} entries are found or the pages end. */
    private Mono<List<Entry>> newestFirst(String unit, List<Long> firsts, int k, Predicate<Entry> filter, int wanted,
                                          List<Entry> found) {
        if (k < 0 || found.size() >= wanted) {
            return Mono.just(found);
        }
        List<String> ids = k == 0 ? List.of(HistoryIndex.pageId(unit, 0))
                : List.of(HistoryIndex.pageId(unit, k), HistoryIndex.pageId(unit, k - 1));
        return pageEntries(ids).flatMap(read -> {
            for (int i = read.size() - 1; i >= 0 && found.size() < wanted; i--) {
                if (filter.test(read.get(i))) {
                    found.add(read.get(i));
                }
            }
            return newestFirst(unit, firsts, k - 2, filter, wanted, found);
        });
    }

    /** From page {@code k} up, two pages at a time, reading the candidates' events to apply the rest of the filter. */
    private Mono<List<LoggedEvent>> oldestFirst(String unit, List<Long> firsts, int k, Predicate<Entry> candidate,
                                                Predicate<LoggedEvent> filter, int wanted, List<LoggedEvent> found) {
        if (k >= firsts.size() || found.size() >= wanted) {
            return Mono.just(found);
        }
        List<String> ids = k + 1 < firsts.size()
                ? List.of(HistoryIndex.pageId(unit, k), HistoryIndex.pageId(unit, k + 1))
                : List.of(HistoryIndex.pageId(unit, k));
        return pageEntries(ids)
                .map(read -> read.stream().filter(candidate).toList())
                .flatMap(this::events)
                .flatMap(read -> {
                    for (int i = 0; i < read.size() && found.size() < wanted; i++) {
                        if (filter.test(read.get(i))) {
                            found.add(read.get(i));
                        }
                    }
                    return oldestFirst(unit, firsts, k + 2, candidate, filter, wanted, found);
                });
    }

    /** The entries of the pages, ascending by position. */
    private Mono<List<Entry>> pageEntries(List<String> ids) {
        return Flux.from(pages.find(in("_id", ids)))
                   .flatMapIterable(HistoryIndex::entries)
                   .sort((a, b) -> Long.compare(a.position(), b.position()))
                   .collectList();
    }

    /** The events of the entries, in the entries' order. */
    private Mono<List<LoggedEvent>> events(List<Entry> of) {
        if (of.isEmpty()) {
            return Mono.just(List.of());
        }
        return Flux.from(entries.find(in("_id", of.stream().map(e -> key(e.position())).toList())))
                   .collectMap(document -> ((Number) document.get("position")).longValue())
                   .map(byPosition -> {
                       List<LoggedEvent> events = new ArrayList<>(of.size());
                       for (Entry entry : of) {
                           Document document = byPosition.get(entry.position());
                           if (document != null) {
                               events.add(loggedEvent(document));
                           }
                       }
                       return events;
                   });
    }

    private static LoggedEvent loggedEvent(Document document) {
        Document packed = Packed.unpack(document.get("packed"));
        Document metaData = packed.get("metaData", Document.class);
        List<Change> changes = new ArrayList<>();
        for (Document change : packed.getList("changes", Document.class, List.of())) {
            changes.add(new Change(change.getString("field"), StatePaths.plain(change.get("before")),
                                   StatePaths.plain(change.get("after"))));
        }
        Number sequence = (Number) document.get("sequence");
        return new LoggedEvent(((Number) document.get("position")).longValue(), document.getString("eventId"),
                               document.getString("type"), document.getString("aggregateType"),
                               document.getString("aggregateId"), sequence == null ? null : sequence.longValue(),
                               RecordTime.get(document, "ts"),
                               metaData == null ? null : metaData.getString("actor"),
                               metaData == null ? null : StatePaths.plain(metaData.get("roles")),
                               metaData == null ? null : metaData.getString("reason"),
                               metaData == null ? null : metaData.getString("correlationId"),
                               StatePaths.plain(packed.get("payload")), changes,
                               metaData == null ? null : ImportSource.of(metaData.get(AuditMetaData.IMPORT_FILE),
                                                                         metaData.get(AuditMetaData.IMPORT_ROW)));
    }

    private static HistoryEntry entryOf(LoggedEvent event) {
        HistorySentences.Sentence sentence = HistorySentences.of(
                event.type(), event.payload() instanceof Map<?, ?> map ? map : Map.of(), event.actor());
        ImportSource source = event.importedFrom();
        return new HistoryEntry(event.position(), event.timestamp(), event.actor(),
                                source == null ? sentence.vi() : sentence.vi() + " (" + source.vi() + ")",
                                source == null ? sentence.en() : sentence.en() + " (" + source.en() + ")", event);
    }
}
