package vn.xhht.ledger.infrastructure.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.Binary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

/**
 * The log, or part of it, as JSON lines an auditor can verify offline with nothing but SHA-256 and Ed25519
 * (README, "Verifying an export"). The first line names the public key; then one line per commit:
 * {@code {"position", "events": [{"position", "hash", "previousHash", "bson", "event"}]}} where {@code bson} is the
 * Base64 of exactly the bytes that were hashed and {@code event} the same document as readable JSON; then every
 * signed checkpoint recording a head of an exported aggregate: {@code {"checkpoint", "signed", "signature",
 * "heads"}}, {@code signed} being the exact BSON the signature covers.
 */
public class LogExport {

    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> checkpoints;
    private final LogSeal seal;

    public LogExport(MongoDatabase database, LogSeal seal) {
        this.events = database.getCollection(MongoCommitStorageEngine.EVENTS);
        this.checkpoints = database.getCollection(LogNotary.CHECKPOINTS);
        this.seal = seal;
    }

    /**
     * Writes the commits holding an event of {@code aggregateId} (if given), of one of {@code aggregates} (if given: a
     * unit subtree's), stamped in [{@code from}, {@code to}) (if given), in position order, one line each.
     */
    public void export(String aggregateId, Set<String> subtreeAggregates, Instant from, Instant to, Consumer<String> line) {
        line.accept(new Document("publicKey", seal.publicKey()).append("keys", seal.keys()).append("algorithm", "Ed25519")
                            .append("hash", "SHA-256(previousHash || int64 big-endian position || bson)")
                            .append("checkpoints", "Ed25519 over the checkpoint's signed BSON; heads anchor the chains")
                            .toJson(JSON));
        Set<String> aggregates = new HashSet<>();
        List<Bson> filters = new ArrayList<>();
        if (aggregateId != null) {
            filters.add(MongoCommitStorageEngine.aggregateStream(aggregateId));
        }
        if (subtreeAggregates != null) {
            filters.add(in(MongoCommitStorageEngine.EVENTS + "." + EventDocumentCodec.AGGREGATE_ID, subtreeAggregates));
        }
        String timestamp = MongoCommitStorageEngine.EVENTS + "." + EventDocumentCodec.TIMESTAMP;
        if (from != null) {
            filters.add(gte(timestamp, Date.from(from)));
        }
        if (to != null) {
            filters.add(lt(timestamp, Date.from(to)));
        }
        Bson filter = filters.isEmpty() ? new Document() : and(filters);
        Base64.Encoder base64 = Base64.getEncoder();
        for (Document commit : events.find(filter).sort(Sorts.ascending("_id")).batchSize(LogVerifier.BATCH)) {
            long first = ((Number) commit.get("_id")).longValue();
            List<Document> lines = new ArrayList<>();
            List<Document> eventDocuments = commit.getList(MongoCommitStorageEngine.EVENTS, Document.class);
            for (int i = 0; i < eventDocuments.size(); i++) {
                Document event = eventDocuments.get(i);
                Document content = LogSeal.hashedContent(event);
                if (event.getString(EventDocumentCodec.AGGREGATE_ID) != null) {
                    aggregates.add(event.getString(EventDocumentCodec.AGGREGATE_ID));
                }
                Binary hash = event.get(LogSeal.HASH, Binary.class);
                Binary previous = event.get(LogSeal.PREVIOUS_HASH, Binary.class);
                lines.add(new Document("position", first + i)
                                  .append("hash", hash == null ? null : base64.encodeToString(hash.getData()))
                                  .append("previousHash", previous == null ? null : base64.encodeToString(previous.getData()))
                                  .append("bson", base64.encodeToString(LogSeal.bson(content)))
                                  .append("event", content));
            }
            line.accept(new Document("position", first).append("events", lines).toJson(JSON));
        }
        // the signed checkpoints recording a head of an exported aggregate: they anchor its chain
        for (Document checkpoint : checkpoints.find().sort(Sorts.ascending("_id")).batchSize(1_000)) {
            List<Document> heads = checkpoint.getList("heads", Document.class).stream()
                                             .filter(head -> aggregates.contains(head.getString("agg"))).toList();
            if (heads.isEmpty()) {
                continue;
            }
            Document signed = new Document(checkpoint);
            signed.remove("sig");
            line.accept(new Document("checkpoint", checkpoint.get("_id"))
                                .append("signed", base64.encodeToString(LogSeal.bson(signed)))
                                .append("signature", base64.encodeToString(checkpoint.get("sig", Binary.class).getData()))
                                .append("heads", heads.stream().map(head -> new Document("agg", head.getString("agg"))
                                        .append("seq", head.get("seq")).append("position", head.get("position"))
                                        .append("hash", base64.encodeToString(head.get("hash", Binary.class).getData())))
                                        .toList())
                                .toJson(JSON));
        }
    }
}
