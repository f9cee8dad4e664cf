package vn.xhht.ledger.query.support;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static com.mongodb.client.model.Filters.eq;

/**
 * A projection's reads and writes for the batch of events being handled: the documents the batch's events concern are
 * read ahead ({@code $in}) when it begins, every write is held until the batch's last event, then written with one
 * ordered {@code bulkWrite} per collection. A projection of one document per aggregate thus costs a few round
 * trips per batch instead of two or three per event.
 *
 * <p>{@link Mode#SHARED} (the live processors): nothing is kept between batches, since another node may write the same
 * documents next. Crash safety is the per-event writes' own: collections are written in the order they were
 * declared, the one whose {@code version} marks an event applied last, so a batch interrupted halfway is handled again
 * and sets the same entries. The writes are made while the batch's last event is handled, before Axon stores the
 * processor's token; a projection therefore handles every event ({@link #apply} with nothing to do for the kinds it
 * ignores), so that its batch's last event always reaches it. Outside a unit of work (tests calling a handler
 * directly) each change is written at once.
 *
 * <p>{@link Mode#REPLAY} (a rebuild into a scratch database nobody else writes): documents stay in memory across
 * batches and each is written once, when the replay ends ({@link #finish}) or when more than {@code capacity} are
 * held; intermediate states never reach the database. Record-time versions, written once and never read back, are
 * inserted at each batch's end.
 */
public final class ViewBatch {

    public enum Mode { SHARED, REPLAY }

    /**
     * Documents a projection keeps in a form of its own while a batch changes them (a page decoded once, changed by
     * every event), handed to the batch as replaces when it is written, and forgotten with what the batch knows.
     */
    public interface Holder {

        /** Hands what it changed since the last time to the batch ({@link #replace}). */
        void writeOut();

        /** Forgets what it holds: the batch starts afresh or was rolled back, or a replay wrote its documents out. */
        void forget();
    }

    /** Identifiers per {@code $in} of a read-ahead, and such reads in flight at once ({@link KeyedReads}). */
    private static final int READ_AHEAD_CHUNK = 16;
    private static final int READS_IN_FLIGHT = 16;
    /** Documents a replay holds in memory before writing them out (and reading them back when needed). */
    private static final int REPLAY_CAPACITY = 250_000;

    private final MongoDatabase database;
    private final Mode mode;
    private final List<String> order;
    private final List<String> keyedByAggregate;
    /** Documents as this batch knows them: read, prefetched (null: known absent) or written by it. */
    private final Map<String, Map<String, Document>> known = new HashMap<>();
    /** SHARED: documents with partial updates pending, whose full content is not known until written. */
    private final Map<String, Set<String>> updated = new HashMap<>();
    private final Map<String, List<WriteModel<Document>>> writes = new LinkedHashMap<>();
    /** The inserts among {@link #writes} that {@link #append} made: the same event makes the same document. */
    private final Set<WriteModel<Document>> appended = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Where in {@link #writes} each document's last replace sits, to write a document replaced twice only once. */
    private final Map<String, Map<String, Integer>> replacedAt = new HashMap<>();
    /** REPLAY: documents changed in memory and not yet written; documents already in the database. */
    private final Map<String, Set<String>> dirty = new HashMap<>();
    private final Map<String, Set<String>> stored = new HashMap<>();
    private int held;
    /** REPLAY: the last batch's versions, still being written. */
    private CompletableFuture<Void> inFlight;
    /** The unit of work of the batch being handled, and how deep in {@link #apply} calls its handling is. */
    private UnitOfWork<?> current;
    private int depth;
    /** What the projection reads ahead for a batch of events, beyond the documents keyed by their aggregates. */
    private Consumer<List<EventMessage<?>>> readAheadForBatch = events -> {
    };
    private final List<Holder> holders = new ArrayList<>();

    /**
     * @param collections      the collections the projection writes, in the order their writes must reach the
     *                         database: the one marking events applied last
     * @param keyedByAggregate the collections keyed by the events' aggregate identifiers, read ahead for the batch
     */
    public ViewBatch(MongoDatabase database, Mode mode, List<String> collections, List<String> keyedByAggregate) {
        this.database = database;
        this.mode = mode;
        this.order = List.copyOf(collections);
        this.keyedByAggregate = List.copyOf(keyedByAggregate);
        if (!order.containsAll(keyedByAggregate)) {
            throw new IllegalArgumentException("Read-ahead collections must be among " + order);
        }
    }

    /**
     * Sets what the projection reads ahead when a batch of events begins (with {@link #readAhead}): the documents its
     * events will look up, so that they are read by the batch per collection and round of lookups rather than
     * one round trip each.
     */
    public void readAheadFor(Consumer<List<EventMessage<?>>> plan) {
        this.readAheadForBatch = plan;
    }

    /** Adds documents held in the projection's own form: written out before the batch's writes, forgotten with it. */
    public void hold(Holder holder) {
        holders.add(holder);
    }

    /**
     * Runs one event's changes: the batch's first event starts the batch (reading ahead), its last one writes it.
     * Changes applied from within a change belong to it.
     */
    public void apply(Runnable change) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get() : null;
        if (depth == 0 && (unitOfWork == null || unitOfWork != current)) {
            begin(unitOfWork);
        }
        depth++;
        try {
            change.run();
        } finally {
            depth--;
        }
        if (depth == 0 && (unitOfWork == null || !(unitOfWork instanceof BatchingUnitOfWork<?> batch)
                || batch.isLastMessage())) {
            flush();
        }
    }

    /** The document {@code id} of {@code collection} as this batch has it; null if there is none. */
    public Document find(String collection, String id) {
        if (updated.getOrDefault(collection, Set.of()).contains(id)) {
            flush(); // partial updates pending: the database has the whole document once they are written
        }
        Map<String, Document> documents = known.computeIfAbsent(collection, c -> new HashMap<>());
        if (documents.containsKey(id)) {
            return documents.get(id);
        }
        if (mode == Mode.REPLAY && stored.getOrDefault(collection, Set.of()).isEmpty()) {
            remember(collection, id, null); // nothing written out yet: it cannot be in the database
            return null;
        }
        Document found = Mono.from(database.getCollection(collection).find(eq("_id", id)).first()).block();
        remember(collection, id, found);
        return found;
    }

    /**
     * Replaces (or creates) the document {@code id} of {@code collection}: an insert if this batch read it absent (the
     * processor is the view's only writer while it holds its token; a duplicate key fails the batch, which is then
     * handled again from fresh reads), an upsert otherwise.
     */
    public void replace(String collection, String id, Document document) {
        Document stored = document.containsKey("_id") ? document : new Document(document).append("_id", id);
        if (mode == Mode.REPLAY) {
            change(collection, id, stored);
            return;
        }
        Map<String, Document> documents = known.get(collection);
        boolean absent = documents != null && documents.containsKey(id) && documents.get(id) == null;
        remember(collection, id, stored);
        updated.getOrDefault(collection, new HashSet<>()).remove(id);
        List<WriteModel<Document>> models = models(collection);
        Map<String, Integer> positions = replacedAt.computeIfAbsent(collection, c -> new HashMap<>());
        Integer earlier = positions.get(id);
        if (earlier != null) {
            boolean inserted = models.get(earlier) instanceof InsertOneModel<Document>;
            models.set(earlier, inserted ? new InsertOneModel<>(stored) : upsert(id, stored));
        } else {
            positions.put(id, models.size());
            models.add(absent ? new InsertOneModel<>(stored) : upsert(id, stored));
        }
    }

    private static WriteModel<Document> upsert(String id, Document document) {
        return new ReplaceOneModel<>(eq("_id", id), document, new ReplaceOptions().upsert(true));
    }

    /**
     * Adds a document written once and never read back while handling events (a record-time version), inserted: the
     * same event always makes the same document, so when shared, one already there (the batch was interrupted after
     * writing it, and is handled again) is the same and the insert's duplicate key error is ignored. The document is
     * the batch's from then on.
     */
    public void append(String collection, String id, Document document) {
        InsertOneModel<Document> model = new InsertOneModel<>(document.append("_id", id));
        appended.add(model);
        models(collection).add(model);
    }

    /** Sets {@code field.key} of the document {@code id} of {@code collection} to {@code value}, creating it if missing. */
    public void set(String collection, String id, String field, String key, Object value) {
        if (mode == Mode.REPLAY) {
            Document existing = find(collection, id);
            Document changed = existing == null ? new Document("_id", id) : new Document(existing);
            Document entries = changed.get(field, Document.class);
            changed.put(field, entries == null ? new Document(key, value) : new Document(entries).append(key, value));
            change(collection, id, changed);
            return;
        }
        known.computeIfAbsent(collection, c -> new HashMap<>()).remove(id);
        updated.computeIfAbsent(collection, c -> new HashSet<>()).add(id);
        replacedAt.getOrDefault(collection, new HashMap<>()).remove(id); // a later replace must come after this
        models(collection).add(new UpdateOneModel<>(eq("_id", id), Updates.set(field + "." + key, value),
                                                    new UpdateOptions().upsert(true)));
    }

    /** Writes what the batch holds, collection by collection in the declared order. */
    public void flush() {
        holders.forEach(Holder::writeOut);
        try {
            if (mode == Mode.REPLAY) {
                awaitInFlight();
                inFlight = writeLater(new LinkedHashMap<>(writes));
            } else {
                write(writes);
            }
        } finally {
            writes.clear();
            appended.clear();
            if (mode == Mode.SHARED) {
                discard();
            }
        }
        if (mode == Mode.REPLAY && held > REPLAY_CAPACITY) {
            finish();
        }
    }

    /** A replay's end: writes every document it holds in memory, and forgets them. */
    public void finish() {
        holders.forEach(Holder::writeOut);
        awaitInFlight();
        Map<String, List<WriteModel<Document>>> out = new LinkedHashMap<>();
        dirty.forEach((collection, ids) -> {
            Set<String> inDatabase = stored.computeIfAbsent(collection, c -> new HashSet<>());
            Map<String, Document> documents = known.get(collection);
            List<WriteModel<Document>> models = out.computeIfAbsent(collection, c -> new ArrayList<>());
            for (String id : ids) {
                Document document = documents.get(id);
                models.add(inDatabase.add(id) ? new InsertOneModel<>(document) : upsert(id, document));
            }
        });
        write(out);
        dirty.clear();
        known.clear();
        held = 0;
        holders.forEach(Holder::forget);
    }

    /** Forgets what the batch holds without writing it (the batch is rolled back, or the view reset). */
    public void discard() {
        holders.forEach(Holder::forget);
        known.clear();
        updated.clear();
        writes.clear();
        appended.clear();
        replacedAt.clear();
        dirty.clear();
        held = 0;
    }

    private void write(Map<String, List<WriteModel<Document>>> models) {
        for (String collection : order) {
            List<WriteModel<Document>> pending = models.get(collection);
            // appended documents only: unordered, and one already stored is the same (a batch handled again)
            boolean appendedOnly = pending != null && pending.stream().allMatch(appended::contains);
            for (int from = 0; pending != null && from < pending.size(); from += 1_000) {
                Mono.from(database.getCollection(collection).bulkWrite(
                            pending.subList(from, Math.min(pending.size(), from + 1_000)),
                            new BulkWriteOptions().ordered(mode == Mode.SHARED && !appendedOnly)))
                    .onErrorResume(MongoBulkWriteException.class, e -> appendedOnly && mode == Mode.SHARED
                            && onlyDuplicates(e) ? Mono.empty() : Mono.error(e))
                    .block();
            }
        }
    }

    private static boolean onlyDuplicates(MongoBulkWriteException e) {
        return e.getWriteConcernError() == null && !e.getWriteErrors().isEmpty() && e.getWriteErrors().stream().allMatch(
                error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
    }

    /** A replay's batch of versions, written while the next batch is handled (one write in flight). */
    private CompletableFuture<Void> writeLater(Map<String, List<WriteModel<Document>>> models) {
        List<Mono<?>> chunks = new ArrayList<>();
        for (String collection : order) {
            List<WriteModel<Document>> pending = models.get(collection);
            for (int from = 0; pending != null && from < pending.size(); from += 1_000) {
                chunks.add(Mono.from(database.getCollection(collection).bulkWrite(
                        pending.subList(from, Math.min(pending.size(), from + 1_000)),
                        new BulkWriteOptions().ordered(false))));
            }
        }
        return Flux.concat(chunks).then().toFuture();
    }

    private void awaitInFlight() {
        if (inFlight != null) {
            CompletableFuture<Void> write = inFlight;
            inFlight = null;
            write.join();
        }
    }

    private void change(String collection, String id, Document document) {
        remember(collection, id, document);
        dirty.computeIfAbsent(collection, c -> new LinkedHashSet<>()).add(id);
    }

    private void remember(String collection, String id, Document document) {
        Map<String, Document> documents = known.computeIfAbsent(collection, c -> new HashMap<>());
        if (!documents.containsKey(id)) {
            held++;
        }
        documents.put(id, document);
    }

    private List<WriteModel<Document>> models(String collection) {
        if (!order.contains(collection)) {
            throw new IllegalArgumentException("Collection " + collection + " was not declared among " + order);
        }
        return writes.computeIfAbsent(collection, c -> new ArrayList<>());
    }

    private void begin(UnitOfWork<?> unitOfWork) {
        if (mode == Mode.SHARED) {
            discard();
        }
        current = unitOfWork;
        if (unitOfWork == null) {
            return;
        }
        unitOfWork.onRollback(u -> discard());
        unitOfWork.onCleanup(u -> current = null);
        if (unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.getMessages().size() > 1) {
            List<EventMessage<?>> events = new ArrayList<>();
            Set<String> ids = new LinkedHashSet<>();
            for (Object message : batch.getMessages()) {
                if (message instanceof EventMessage<?> event) {
                    events.add(event);
                }
                if (message instanceof DomainEventMessage<?> event && event.getAggregateIdentifier() != null) {
                    ids.add(event.getAggregateIdentifier());
                }
            }
            if (ids.size() > 1) {
                keyedByAggregate.forEach(collection -> readAhead(collection, ids));
            }
            readAheadForBatch.accept(events);
        }
    }

    /**
     * Reads the documents {@code ids} of {@code collection} this batch does not know yet, with an {@code $in} per
     * {@value #READ_AHEAD_CHUNK} of them, up to {@value #READS_IN_FLIGHT} at once; those not found are known absent.
     */
    public void readAhead(String collection, Collection<String> ids) {
        Map<String, Document> documents = known.computeIfAbsent(collection, c -> new HashMap<>());
        Set<String> pending = updated.getOrDefault(collection, Set.of()); // whole only once written: find() reads them
        List<String> unknown = ids.stream().filter(id -> !documents.containsKey(id) && !pending.contains(id))
                                  .distinct().toList();
        if (unknown.isEmpty()) {
            return;
        }
        unknown.forEach(id -> remember(collection, id, null));
        if (mode == Mode.REPLAY && stored.getOrDefault(collection, Set.of()).isEmpty()) {
            return; // nothing written out yet: they cannot be in the database
        }
        KeyedReads.byIds(database.getCollection(collection), unknown, READ_AHEAD_CHUNK, READS_IN_FLIGHT)
            .doOnNext(document -> documents.put(String.valueOf(document.get("_id")), document))
            .blockLast();
    }
}
