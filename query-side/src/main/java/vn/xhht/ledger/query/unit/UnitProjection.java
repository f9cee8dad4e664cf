package vn.xhht.ledger.query.unit;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitDissolvedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitMergedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitMovedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitRegisteredEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitRenamedEvent;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitChildrenQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitLineageQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitSubtreeQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitSubtreeMembersQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.SearchUnitsQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitSubtreeView;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitChildrenView;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitLineageView;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitView;
import vn.xhht.ledger.query.support.RecordVersions;
import vn.xhht.ledger.query.support.BatchedView;
import vn.xhht.ledger.query.support.ViewBatch;
import vn.xhht.ledger.query.support.ViewDocuments;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * The effective-dated unit hierarchy.
 * <ul>
 * <li>{@code unit_records}: one document per unit with its name and parent timelines.</li>
 * <li>{@code unit_children}: one document per parent, {@code children.<unitId>} = the intervals the unit sat
 * under it. Children on a date are one key lookup plus one {@code $in} on {@code _id}: no scans, on the
 * embedded server or on MongoDB.</li>
 * </ul>
 * Handlers are idempotent: a unit document only moves forward in version, and children entries are set, not
 * appended. A batch of events is read ahead and written at its end ({@link ViewBatch}).
 */
@Component
@ProcessingGroup(UnitProjection.NAME)
public class UnitProjection extends BatchedView {

    public static final String NAME = "units";
    private static final Comparator<UnitView> BY_NAME =
            Comparator.comparing(UnitView::name, Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(UnitView::id);
    private static final int MAX_DEPTH = 16;

    private static final String RECORDS = "unit_records";
    private static final String CHILDREN = "unit_children";
    private static final String VERSIONS = "unit_record_versions";

    /** The collections this view writes. */
    public static List<String> collections() {
        return List.of(RECORDS, CHILDREN, VERSIONS);
    }

    private final MongoCollection<Document> records;
    private final MongoCollection<Document> children;
    private final RecordVersions history;
    private final ViewBatch batch;

    @Autowired
    public UnitProjection(MongoDatabase readDatabase) {
        this(readDatabase, ViewBatch.Mode.SHARED);
    }

    /** With {@link ViewBatch.Mode#REPLAY}: replays into a scratch database of its own (a verified rebuild). */
    public UnitProjection(MongoDatabase readDatabase, ViewBatch.Mode mode) {
        this.records = readDatabase.getCollection(RECORDS);
        this.children = readDatabase.getCollection(CHILDREN);
        this.history = new RecordVersions(readDatabase, VERSIONS);
        this.batch = new ViewBatch(readDatabase, mode, List.of(CHILDREN, history.collection(), RECORDS), List.of(RECORDS));
    }

    @EventHandler
    void on(UnitRegisteredEvent event, @SequenceNumber long sequence) {
        update(event.unitId(), sequence, existing -> UnitRecord.registered(
                event.unitId(), event.name(), event.kind(), event.parentId(), event.validFrom(), sequence));
    }

    @EventHandler
    void on(UnitRenamedEvent event, @SequenceNumber long sequence) {
        update(event.unitId(), sequence, existing -> existing.renamed(event.name(), event.validFrom(), sequence));
    }

    @EventHandler
    void on(UnitMovedEvent event, @SequenceNumber long sequence) {
        update(event.unitId(), sequence, existing -> existing.moved(event.parentId(), event.validFrom(), sequence));
    }

    @EventHandler
    void on(UnitMergedEvent event, @SequenceNumber long sequence) {
        update(event.unitId(), sequence, existing -> existing.merged(event.intoId(), event.validFrom(), sequence));
    }

    /** A dissolved unit ends as a merged one does, into no other: shown with its last day's name and {@code validTo}. */
    @EventHandler
    void on(UnitDissolvedEvent event, @SequenceNumber long sequence) {
        update(event.unitId(), sequence, existing -> existing.merged(null, event.validFrom(), sequence));
    }

    @Override
    protected ViewBatch batch() {
        return batch;
    }

    @ResetHandler
    void reset() {
        batch.discard();
        Mono.from(records.drop()).then(Mono.from(children.drop())).block();
        history.drop();
    }

    private void update(String unitId, long sequence, UnaryOperator<UnitRecord> change) {
        batch.apply(() -> apply(unitId, sequence, change));
    }

    private void apply(String unitId, long sequence, UnaryOperator<UnitRecord> change) {
        Document found = batch.find(RECORDS, unitId);
        UnitRecord existing = found == null ? null : ViewDocuments.fromDocument(found, UnitRecord.class);
        if (existing != null && existing.version() >= sequence) {
            return; // already applied (redelivery after a crash)
        }
        UnitRecord updated = change.apply(existing);
        // The parents' children entries first, the unit's record last: the record's version is what marks the
        // event applied, so a crash between the writes replays the event and sets the same entries again.
        Map<String, List<UnitRecord.Interval>> intervals = updated.intervalsByParent();
        List<String> parents = new ArrayList<>(updated.allParents());
        if (existing != null) {
            existing.allParents().stream().filter(p -> !parents.contains(p)).forEach(parents::add);
        }
        for (String parent : parents) {
            List<UnitRecord.Interval> stretches = intervals.get(parent);
            // a unit no longer under a parent keeps an empty entry there: a read as of an earlier instant needs it
            batch.set(CHILDREN, parent, "children", unitId, stretches == null ? List.of()
                    : stretches.stream().map(ViewDocuments::toDocument).toList());
        }
        Document document = ViewDocuments.toDocument(updated).append("_id", unitId);
        history.keep(batch, unitId, sequence, document);
        batch.replace(RECORDS, unitId, document);
    }

    private Mono<UnitRecord> find(String unitId) {
        return Mono.from(records.find(eq("_id", unitId)).first())
                   .map(document -> ViewDocuments.fromDocument(document, UnitRecord.class));
    }

    // ------------------------------------------------------------------------------------------ queries

    /** The unit's record, as it stands or as it stood at {@code asOf} (empty if it was not registered by then). */
    private Mono<UnitRecord> find(String unitId, Instant asOf) {
        if (asOf == null) {
            return find(unitId);
        }
        return find(unitId).flatMap(current -> history.asOf(unitId, current.version(), asOf))
                           .map(document -> ViewDocuments.fromDocument(document, UnitRecord.class));
    }

    @QueryHandler
    public CompletableFuture<UnitView> handle(FetchUnitQuery query) {
        return find(query.unitId(), query.asOf())
                .filter(record -> !query.on().isBefore(record.validFrom()))
                .map(record -> record.viewOn(query.on()))
                .switchIfEmpty(Mono.error(() -> new DomainException(
                        ErrorCode.UNIT_NOT_FOUND, "Unit " + query.unitId() + " does not exist on " + query.on())))
                .toFuture();
    }

    @QueryHandler
    public CompletableFuture<UnitChildrenView> handle(FetchUnitChildrenQuery query) {
        LocalDate on = query.on();
        Mono<List<UnitView>> items = query.asOf() == null ? childrenNow(query.unitId(), on)
                : childrenAsOf(query.unitId(), on, query.asOf());
        return find(query.unitId(), query.asOf())
                .filter(record -> !on.isBefore(record.validFrom()))
                .switchIfEmpty(Mono.error(() -> new DomainException(
                        ErrorCode.UNIT_NOT_FOUND, "Unit " + query.unitId() + " does not exist on " + on)))
                .then(items)
                .map(list -> new UnitChildrenView(query.unitId(), on, list))
                .toFuture();
    }

    private Mono<List<UnitView>> childrenNow(String parent, LocalDate on) {
        return Mono.from(children.find(eq("_id", parent)).first())
                .map(document -> childIdsOn(document, on))
                .defaultIfEmpty(List.of())
                .flatMapMany(ids -> ids.isEmpty() ? Flux.empty() : Flux.from(records.find(in("_id", ids))))
                .map(document -> ViewDocuments.fromDocument(document, UnitRecord.class))
                .filter(record -> record.existsOn(on))
                .map(record -> record.viewOn(on))
                .sort(BY_NAME)
                .collectList();
    }

    /**
     * Children as the service knew them at {@code asOf}: every unit that has ever sat under the parent (its children
     * document keeps them all), each as its record stood then, kept if it was under the parent on {@code on}.
     */
    private Mono<List<UnitView>> childrenAsOf(String parent, LocalDate on, Instant asOf) {
        return Mono.from(children.find(eq("_id", parent)).first())
                   .map(document -> new ArrayList<>(document.get("children", new Document()).keySet()))
                   .filter(ids -> !ids.isEmpty())
                   .flatMapMany(ids -> history.asOf(Flux.from(records.find(in("_id", ids))), asOf))
                   .map(document -> ViewDocuments.fromDocument(document, UnitRecord.class))
                   .filter(record -> record.existsOn(on) && record.intervalsByParent().getOrDefault(parent, List.of())
                                                                  .stream().anyMatch(stretch -> stretch.contains(on)))
                   .map(record -> record.viewOn(on))
                   .sort(BY_NAME)
                   .collectList();
    }

    @QueryHandler
    public CompletableFuture<UnitSubtreeView> handle(FetchUnitSubtreeQuery query) {
        return handle(new FetchUnitSubtreeMembersQuery(query.unitId(), query.on(), null));
    }

    /**
     * The units that were in the subtree on a date, or on any date: breadth-first from the unit, one lookup of the
     * children documents per level, carrying for each unit the stretches of valid time it sat in the subtree — its
     * stretches under a parent cut to the parent's own — so a unit joining a commune after the commune left is not
     * counted. A unit is visited again only when its stretches grow. With {@code on}, those whose stretches hold it.
     * As known at {@code asOf}, the stretches come from the children's records as they stood then.
     */
    @QueryHandler
    public CompletableFuture<UnitSubtreeView> handle(FetchUnitSubtreeMembersQuery query) {
        Map<String, List<UnitRecord.Interval>> membership = new LinkedHashMap<>();
        membership.put(query.unitId(), List.of(UnitRecord.Interval.ALWAYS));
        return members(List.of(query.unitId()), membership, query.asOf(), 0)
                .then(Mono.fromSupplier(() -> new UnitSubtreeView(query.unitId(), query.on(), membership.entrySet().stream()
                        .filter(member -> query.on() == null
                                || member.getValue().stream().anyMatch(stretch -> stretch.contains(query.on())))
                        .map(Map.Entry::getKey).toList())))
                .toFuture();
    }

    /** A child's stretches of time under one parent. */
    private record Placement(String parent, String child, List<UnitRecord.Interval> stretches) {
    }

    private Mono<Void> members(List<String> level, Map<String, List<UnitRecord.Interval>> membership, Instant asOf,
                               int depth) {
        if (level.isEmpty() || depth >= MAX_DEPTH) {
            return Mono.empty();
        }
        return placements(level, asOf).collectList().flatMap(placements -> {
            Set<String> grown = new LinkedHashSet<>();
            for (Placement placement : placements) {
                List<UnitRecord.Interval> inSubtree = UnitRecord.Interval.intersection(
                        membership.get(placement.parent()), placement.stretches());
                List<UnitRecord.Interval> known = membership.getOrDefault(placement.child(), List.of());
                List<UnitRecord.Interval> widened = UnitRecord.Interval.union(known, inSubtree);
                if (!inSubtree.isEmpty() && !widened.equals(known)) {
                    membership.put(placement.child(), widened);
                    grown.add(placement.child());
                }
            }
            return members(new ArrayList<>(grown), membership, asOf, depth + 1);
        });
    }

    /**
     * Where the children of the parents sat under them: the parents' children entries, or, as known at {@code asOf},
     * the records of every unit that has ever sat under them as they stood then.
     */
    @SuppressWarnings("unchecked")
    private Flux<Placement> placements(List<String> parents, Instant asOf) {
        Flux<Document> documents = Flux.from(children.find(in("_id", parents)));
        if (asOf == null) {
            return documents.flatMapIterable(document -> document.get("children", new Document()).entrySet().stream()
                    .map(child -> new Placement(document.getString("_id"), child.getKey(),
                                                ((List<Document>) child.getValue()).stream()
                                                        .map(d -> ViewDocuments.fromDocument(d, UnitRecord.Interval.class))
                                                        .toList()))
                    .toList());
        }
        Set<String> wanted = Set.copyOf(parents);
        return documents.flatMapIterable(document -> document.get("children", new Document()).keySet())
                        .distinct()
                        .collectList()
                        .filter(ids -> !ids.isEmpty())
                        .flatMapMany(ids -> history.asOf(Flux.from(records.find(in("_id", ids))), asOf))
                        .map(document -> ViewDocuments.fromDocument(document, UnitRecord.class))
                        .flatMapIterable(record -> record.intervalsByParent().entrySet().stream()
                                .filter(under -> wanted.contains(under.getKey()))
                                .map(under -> new Placement(under.getKey(), record.id(), under.getValue()))
                                .toList());
    }

    /**
     * Reads every unit's record (a scan: the hierarchy is at most a few hundred thousand small documents) and keeps
     * those matching; the scope is checked on the same records, by walking each match's parents on the date.
     */
    @QueryHandler
    public CompletableFuture<UnitChildrenView> handle(SearchUnitsQuery query) {
        List<String> words = SearchText.words(query.text());
        return Flux.from(records.find())
                   .map(document -> ViewDocuments.fromDocument(document, UnitRecord.class))
                   .filter(record -> record.existsOn(query.on()))
                   .collectMap(UnitRecord::id)
                   .map(all -> all.values().stream()
                           .filter(record -> query.kind() == null || record.kind() == query.kind())
                           .filter(record -> SearchText.matches(record.nameOn(query.on()), words))
                           .filter(record -> query.within() == null || within(record, all, query.within(), query.on()))
                           .map(record -> record.viewOn(query.on()))
                           .sorted(BY_NAME)
                           .limit(query.limit())
                           .toList())
                   .map(items -> new UnitChildrenView(null, query.on(), items))
                   .toFuture();
    }

    private static boolean within(UnitRecord record, Map<String, UnitRecord> all, Set<String> roots, LocalDate on) {
        UnitRecord current = record;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (roots.contains(current.id())) {
                return true;
            }
            String parent = current.parentOn(on);
            current = parent == null ? null : all.get(parent);
        }
        return false;
    }

    @QueryHandler
    public CompletableFuture<UnitLineageView> handle(FetchUnitLineageQuery query) {
        return lineage(query.unitId(), query.on(), new ArrayList<>())
                .map(ids -> new UnitLineageView(query.unitId(), query.on(), ids))
                .toFuture();
    }

    private Mono<List<String>> lineage(String unitId, LocalDate on, List<String> path) {
        if (unitId == null || path.contains(unitId) || path.size() >= MAX_DEPTH) {
            return Mono.just(path);
        }
        return find(unitId).flatMap(record -> {
            path.add(unitId);
            return lineage(record.parentOn(on), on, path);
        }).defaultIfEmpty(path);
    }

    @SuppressWarnings("unchecked")
    private static List<String> childIdsOn(Document document, LocalDate on) {
        Document all = document.get("children", Document.class);
        if (all == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, Object> child : all.entrySet()) {
            for (Document interval : (List<Document>) child.getValue()) {
                UnitRecord.Interval stretch = ViewDocuments.fromDocument(interval, UnitRecord.Interval.class);
                if (stretch.contains(on)) {
                    ids.add(child.getKey());
                    break;
                }
            }
        }
        return ids;
    }
}
