package vn.xhht.ledger.infrastructure.eventstore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.types.Binary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the whole event log against its seal ({@link LogSeal}) in one pass in position order, keeping only the
 * last hash and sequence of each aggregate: every event's hash is recomputed from its content, position and
 * predecessor; each aggregate's events must follow one another (no sequence missing, each chained to the one
 * before); every commit must carry the service's signature over its hashes. The first broken position is named.
 *
 * <p>Commits written before the log was sealed (no signature, no hashes) are counted as {@code unsealed} and
 * accepted only before the first sealed commit; an unsigned commit after it is a forgery.
 */
public class LogVerifier {

    private static final int BATCH = 1_000;

    private final MongoCollection<Document> events;
    private final LogSeal seal;

    public LogVerifier(MongoDatabase database, LogSeal seal) {
        this.events = database.getCollection(MongoCommitStorageEngine.EVENTS);
        this.seal = seal;
    }

    /** What the check found: {@code ok}, or the first broken position and what is wrong there. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(boolean ok, long checkedEvents, long commits, long unsealedEvents, Long firstBrokenPosition,
                         String problem, String publicKey) {
    }

    private record Head(long sequence, byte[] hash) {
    }

    public Report verify() {
        Map<String, Head> heads = new HashMap<>();
        long checked = 0;
        long commits = 0;
        long unsealed = 0;
        boolean sealedSeen = false;
        long nextFree = 1;
        for (Document commit : events.find().sort(Sorts.ascending("_id")).batchSize(BATCH)) {
            commits++;
            long first = ((Number) commit.get("_id")).longValue();
            List<Document> eventDocuments = commit.getList(MongoCommitStorageEngine.EVENTS, Document.class);
            Number count = (Number) commit.get(MongoCommitStorageEngine.COUNT);
            if (first < nextFree) {
                return broken(first, "commit overlaps the one before it", checked, commits, unsealed);
            }
            if (eventDocuments == null || eventDocuments.isEmpty() || count == null
                    || count.intValue() != eventDocuments.size()) {
                return broken(first, "commit does not hold the events it declares", checked, commits, unsealed);
            }
            nextFree = first + eventDocuments.size();
            Binary signature = commit.get(LogSeal.SIGNATURE, Binary.class);
            if (signature == null) {
                if (sealedSeen) {
                    return broken(first, "commit carries no signature", checked, commits, unsealed);
                }
                unsealed += eventDocuments.size();
                checked += eventDocuments.size();
                for (Document event : eventDocuments) {
                    Number sequence = (Number) event.get(EventDocumentCodec.SEQUENCE);
                    String aggregate = event.getString(EventDocumentCodec.AGGREGATE_ID);
                    if (aggregate != null && sequence != null) {
                        heads.put(aggregate, new Head(sequence.longValue(), null));
                    }
                }
                continue;
            }
            sealedSeen = true;
            List<byte[]> hashes = new ArrayList<>(eventDocuments.size());
            for (int i = 0; i < eventDocuments.size(); i++) {
                long position = first + i;
                Document event = eventDocuments.get(i);
                byte[] stored = MongoCommitStorageEngine.hashOf(event);
                Binary previousField = event.get(LogSeal.PREVIOUS_HASH, Binary.class);
                byte[] previous = previousField == null || previousField.getData().length == 0 ? null
                        : previousField.getData();
                if (stored == null || !Arrays.equals(stored, LogSeal.hash(previous, position, event))) {
                    return broken(position, "event content or position differs from what was sealed", checked,
                                  commits, unsealed);
                }
                String aggregate = event.getString(EventDocumentCodec.AGGREGATE_ID);
                Number sequence = (Number) event.get(EventDocumentCodec.SEQUENCE);
                if (aggregate != null && sequence != null) {
                    Head head = heads.get(aggregate);
                    long expected = head == null ? 0 : head.sequence() + 1;
                    if (sequence.longValue() != expected) {
                        return broken(position, "aggregate " + aggregate + " jumps from sequence " + (expected - 1)
                                + " to " + sequence + ": events are missing or out of order", checked, commits, unsealed);
                    }
                    boolean chained = head == null || head.hash() == null ? previous == null
                            : Arrays.equals(head.hash(), previous);
                    if (!chained) {
                        return broken(position, "event is not chained to the aggregate's previous event", checked,
                                      commits, unsealed);
                    }
                    heads.put(aggregate, new Head(sequence.longValue(), stored));
                }
                hashes.add(stored);
                checked++;
            }
            if (!seal.verify(first, hashes, signature.getData())) {
                return broken(first, "commit signature does not match: not written by this service", checked,
                              commits, unsealed);
            }
        }
        return new Report(true, checked, commits, unsealed, null, null, seal.publicKey());
    }

    private Report broken(long position, String problem, long checked, long commits, long unsealed) {
        return new Report(false, checked, commits, unsealed, position, problem, seal.publicKey());
    }
}
