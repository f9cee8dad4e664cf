package vn.xhht.ledger.query.support;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static com.mongodb.client.model.Filters.in;

/**
 * Record time for a view kept as one document per aggregate ({@code ?asOf=<instant>}: what the service answered at
 * that instant). Each time a projection writes an aggregate's document it also keeps that version, keyed
 * {@code <id>|<sequence>} by the aggregate's event that made it and stamped with the event's record time. A read as of
 * an instant fetches the versions of the aggregates it needs by key — one {@code $in}, the keys {@code 0 .. } the
 * current document's sequence — and takes for each the last recorded at or before the instant: a few keyed reads,
 * never a replay of the log, and right for any instant. Versions are idempotent replaces, written before the document
 * whose sequence marks the event applied.
 */
public final class RecordVersions {

    public static final String AT = "at";
    private static final int KEYS_PER_QUERY = 500;

    private final MongoCollection<Document> versions;
    private final String collection;

    public RecordVersions(MongoDatabase database, String collection) {
        this.versions = database.getCollection(collection);
        this.collection = collection;
    }

    /** The collection the versions are kept in (to declare among a projection's {@link ViewBatch} collections). */
    public String collection() {
        return collection;
    }

    /**
     * Applies an aggregate's event to its document in {@code collection} — the update of every view kept as one
     * document per aggregate: skipped if the document already has it (its {@code version} at or past
     * {@code sequence}: a redelivery), otherwise {@code change} makes the new record (from the current one, null if
     * none), which is kept as a version and replaces the document, with the rest of {@code batch}.
     */
    public <T> void update(ViewBatch batch, String collection, String id, long sequence, Class<T> type,
                           UnaryOperator<T> change) {
        batch.apply(() -> {
            Document found = batch.find(collection, id);
            if (found != null && ((Number) found.get("version")).longValue() >= sequence) {
                return;
            }
            T existing = found == null ? null : ViewDocuments.fromDocument(found, type);
            Document document = ViewDocuments.toDocument(change.apply(existing)).append("_id", id);
            keep(batch, id, sequence, document);
            batch.replace(collection, id, document);
        });
    }

    /**
     * Keeps {@code document} as the version of {@code id} after its event {@code sequence}, stamped with the record time
     * of the event being handled; written with the rest of {@code batch}.
     */
    public void keep(ViewBatch batch, String id, long sequence, Document document) {
        Document version = new Document(document);
        String key = id + "|" + sequence;
        RecordTime.put(version, AT, RecordTime.ofEventBeingHandled());
        batch.append(collection, key, version);
    }

    /**
     * The documents as they stood at {@code instant}, for aggregates given with their current sequence; an aggregate
     * with no version recorded by then (created later) is absent. The answer's documents carry their own {@code _id}.
     */
    public Mono<Map<String, Document>> asOf(Map<String, Long> latestSequences, Instant instant) {
        List<String> keys = new ArrayList<>();
        latestSequences.forEach((id, latest) -> {
            for (long sequence = 0; sequence <= latest; sequence++) {
                keys.add(id + "|" + sequence);
            }
        });
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += KEYS_PER_QUERY) {
            chunks.add(keys.subList(i, Math.min(keys.size(), i + KEYS_PER_QUERY)));
        }
        Map<String, Long> chosenSequence = new HashMap<>();
        Map<String, Document> chosen = new HashMap<>();
        return Flux.fromIterable(chunks)
                   .concatMap(chunk -> Flux.from(versions.find(in("_id", chunk))))
                   .doOnNext(version -> {
                       Instant at = RecordTime.get(version, AT);
                       if (at == null || at.isAfter(instant)) {
                           return;
                       }
                       String key = version.getString("_id");
                       int bar = key.lastIndexOf('|');
                       String id = key.substring(0, bar);
                       long sequence = Long.parseLong(key.substring(bar + 1));
                       if (chosenSequence.getOrDefault(id, -1L) < sequence) {
                           chosenSequence.put(id, sequence);
                           Document document = new Document(version);
                           document.remove(AT);
                           document.remove(AT + "n");
                           document.put("_id", id);
                           chosen.put(id, document);
                       }
                   })
                   .then(Mono.fromSupplier(() -> chosen));
    }

    /**
     * The given current documents (each with its {@code _id} and the aggregate's sequence in {@code version}) as they
     * stood at {@code instant}, or as they are when {@code instant} is null; those that did not exist yet are left out.
     */
    public Flux<Document> asOf(Flux<Document> current, Instant instant) {
        if (instant == null) {
            return current;
        }
        return current.collectMap(document -> document.get("_id").toString(),
                                  document -> ((Number) document.get("version")).longValue())
                      .flatMap(latest -> asOf(latest, instant))
                      .flatMapIterable(Map::values);
    }

    /** One aggregate's document as it stood at {@code instant}; empty if it did not exist yet. */
    public Mono<Document> asOf(String id, long latestSequence, Instant instant) {
        return asOf(Map.of(id, latestSequence), instant).flatMap(found -> Mono.justOrEmpty(found.get(id)));
    }

    /** Forgets every version (the projection is being reset). */
    public void drop() {
        Mono.from(versions.drop()).block();
    }
}
