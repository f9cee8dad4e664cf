package vn.xhht.ledger.query.support;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * A projection's reads and writes for the batch of events being handled: the documents the batch's events concern are
 * read with one {@code $in} when the batch begins, every write is held until the batch's last event, then written with
 * one ordered {@code bulkWrite} per collection. A projection of one document per aggregate thus costs a few round
 * trips per batch instead of two or three per event — live (the processors' batches) and in a rebuild alike.
 *
 * <p>Crash safety is the per-event writes' own: collections are written in the order they were declared, the one whose
 * {@code version} marks an event applied last, so a batch interrupted halfway is handled again and sets the same
 * entries. The writes are made while the batch's last event is handled, before Axon stores the processor's token; a
 * projection therefore handles every event ({@link #apply} with nothing to do for the kinds it ignores), so that its
 * batch's last event always reaches it. Outside a unit of work (tests calling a handler directly) each change is
 * written at once.
 *
 * <p>Nothing is kept between batches: with several nodes another one may write the same documents next.
 */
public final class ViewBatch {

    private final MongoDatabase database;
    private final List<String> order;
    private final List<String> keyedByAggregate;
    /** Documents as this batch knows them: read, prefetched (null: known absent) or written by it. */
    private final Map<String, Map<String, Document>> known = new HashMap<>();
    /** Documents with partial updates pending: their full content is not known until written. */
    private final Map<String, Set<String>> updated = new HashMap<>();
    private final Map<String, List<WriteModel<Document>>> writes = new LinkedHashMap<>();
    /** Where in {@link #writes} each document's last replace sits, to write a document replaced twice only once. */
    private final Map<String, Map<String, Integer>> replacedAt = new HashMap<>();
    /** The unit of work of the batch being handled, and how deep in {@link #apply} calls its handling is. */
    private UnitOfWork<?> current;
    private int depth;

    /**
     * @param collections      the collections the projection writes, in the order their writes must reach the
     *                         database: the one marking events applied last
     * @param keyedByAggregate the collections keyed by the events' aggregate identifiers, read ahead for the batch
     */
    public ViewBatch(MongoDatabase database, List<String> collections, List<String> keyedByAggregate) {
        this.database = database;
        this.order = List.copyOf(collections);
        this.keyedByAggregate = List.copyOf(keyedByAggregate);
        if (!order.containsAll(keyedByAggregate)) {
            throw new IllegalArgumentException("Read-ahead collections must be among " + order);
        }
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
        Document found = Mono.from(database.getCollection(collection).find(eq("_id", id)).first()).block();
        documents.put(id, found);
        return found;
    }

    /** Replaces (or creates) the document {@code id} of {@code collection}. */
    public void replace(String collection, String id, Document document) {
        Document stored = document.containsKey("_id") ? document : new Document(document).append("_id", id);
        known.computeIfAbsent(collection, c -> new HashMap<>()).put(id, stored);
        updated.getOrDefault(collection, new HashSet<>()).remove(id);
        List<WriteModel<Document>> models = models(collection);
        ReplaceOneModel<Document> model = new ReplaceOneModel<>(eq("_id", id), stored, new ReplaceOptions().upsert(true));
        Map<String, Integer> positions = replacedAt.computeIfAbsent(collection, c -> new HashMap<>());
        Integer earlier = positions.get(id);
        if (earlier != null) {
            models.set(earlier, model);
        } else {
            positions.put(id, models.size());
            models.add(model);
        }
    }

    /** Applies {@code update} to the document {@code id} of {@code collection}, creating it if missing. */
    public void update(String collection, String id, Bson update) {
        known.computeIfAbsent(collection, c -> new HashMap<>()).remove(id);
        updated.computeIfAbsent(collection, c -> new HashSet<>()).add(id);
        replacedAt.getOrDefault(collection, new HashMap<>()).remove(id); // a later replace must come after this
        models(collection).add(new UpdateOneModel<>(eq("_id", id), update, new UpdateOptions().upsert(true)));
    }

    private List<WriteModel<Document>> models(String collection) {
        if (!order.contains(collection)) {
            throw new IllegalArgumentException("Collection " + collection + " was not declared among " + order);
        }
        return writes.computeIfAbsent(collection, c -> new ArrayList<>());
    }

    /** Writes what the batch holds, collection by collection in the declared order. */
    public void flush() {
        try {
            for (String collection : order) {
                List<WriteModel<Document>> models = writes.get(collection);
                if (models != null && !models.isEmpty()) {
                    Mono.from(database.getCollection(collection).bulkWrite(models, new BulkWriteOptions().ordered(true)))
                        .block();
                }
            }
        } finally {
            discard();
        }
    }

    /** Forgets what the batch holds without writing it (the batch is rolled back). */
    public void discard() {
        known.clear();
        updated.clear();
        writes.clear();
        replacedAt.clear();
    }

    private void begin(UnitOfWork<?> unitOfWork) {
        discard();
        current = unitOfWork;
        if (unitOfWork == null) {
            return;
        }
        unitOfWork.onRollback(u -> discard());
        unitOfWork.onCleanup(u -> current = null);
        if (unitOfWork instanceof BatchingUnitOfWork<?> batch && !keyedByAggregate.isEmpty()) {
            Set<String> ids = new LinkedHashSet<>();
            for (Object message : batch.getMessages()) {
                if (message instanceof DomainEventMessage<?> event && event.getAggregateIdentifier() != null) {
                    ids.add(event.getAggregateIdentifier());
                }
            }
            if (ids.size() > 1) {
                readAhead(new ArrayList<>(ids));
            }
        }
    }

    private void readAhead(List<String> ids) {
        for (String collection : keyedByAggregate) {
            Map<String, Document> documents = known.computeIfAbsent(collection, c -> new HashMap<>());
            ids.forEach(id -> documents.put(id, null));
            Flux.from(database.getCollection(collection).find(in("_id", ids)).batchSize(ids.size()))
                .doOnNext(document -> documents.put(String.valueOf(document.get("_id")), document))
                .blockLast();
        }
    }
}
