package vn.xhht.ledger.infrastructure.eventstore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.types.Binary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
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

    /**
     * Commits per reply. The embedded server does not cap a reply at 16 MB as MongoDB does, and the driver refuses one
     * over 48 MB: 20 commits of up to 1,000 events (a bulk import's, ~600 KB each) stay well below it.
     */
    static final int BATCH = 20;

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> checkpoints;
    private final LogSeal seal;

    public LogVerifier(MongoDatabase database, LogSeal seal) {
        this.events = database.getCollection(MongoCommitStorageEngine.EVENTS);
        this.checkpoints = database.getCollection(LogNotary.CHECKPOINTS);
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
        // both cursors are closed however the scan ends: a broken log ends it early, and the embedded server keeps
        // an open cursor's unsent documents in memory
        try (MongoCursor<Document> checkpointCursor = checkpoints.find().sort(Sorts.ascending("_id")).batchSize(BATCH).iterator();
             MongoCursor<Document> commitCursor = events.find().sort(Sorts.ascending("_id")).batchSize(BATCH).iterator()) {
            return verify(checkpointCursor, commitCursor);
        }
    }

    private Report verify(Iterator<Document> checkpointCursor, Iterator<Document> commitCursor) {
        Map<String, Head> heads = new HashMap<>();
        long checked = 0;
        long commits = 0;
        long unsealed = 0;
        boolean sealedSeen = false;
        long nextFree = 1;
        CheckpointWalk walk = new CheckpointWalk(checkpointCursor);
        int generation = 0; // of the latest commit's key: a log never goes back to a retired key
        boolean keyIdSeen = false;
        while (commitCursor.hasNext()) {
            Document commit = commitCursor.next();
            commits++;
            long first = ((Number) commit.get("_id")).longValue();
            Report brokenCheckpoint = walk.passBelow(first, nextFree, checked, heads, commits, unsealed);
            if (brokenCheckpoint != null) {
                return brokenCheckpoint;
            }
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
            Binary mac = commit.get(LogSeal.MAC, Binary.class);
            if (mac == null) {
                if (sealedSeen) {
                    return broken(first, "commit carries no signature (seal)", checked, commits, unsealed);
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
            String keyId = commit.getString(LogSeal.KEY_ID);
            int keyGeneration = seal.generationOf(keyId);
            if (keyId == null && keyIdSeen) {
                return broken(first, "commit's seal (signature) names no key, after commits whose seals do", checked,
                              commits, unsealed);
            }
            if (keyGeneration == 0) {
                return broken(first, "commit is sealed with key " + keyId + ", which this log never used", checked,
                              commits, unsealed);
            }
            if (keyGeneration < generation) {
                return broken(first, "commit is sealed with key " + keyId + ", retired before it (generation "
                        + keyGeneration + " after " + generation + ")", checked, commits, unsealed);
            }
            keyIdSeen |= keyId != null;
            generation = keyGeneration;
            if (!seal.verifyMac(keyId, first, hashes, mac.getData())) {
                return broken(first, "commit signature (seal) does not match: not written by this service", checked,
                              commits, unsealed);
            }
        }
        Report brokenCheckpoint = walk.passBelow(Long.MAX_VALUE, nextFree, checked, heads, commits, unsealed);
        return brokenCheckpoint != null ? brokenCheckpoint
                : new Report(true, checked, commits, unsealed, null, null, seal.publicKey());
    }

    /** The signed checkpoints in position order, each checked once every commit at or below it has been read. */
    private final class CheckpointWalk {
        private final Iterator<Document> cursor;
        private Document next;
        private byte[] previousSignature = new byte[0];
        private final int[] generation = {0};

        CheckpointWalk(Iterator<Document> cursor) {
            this.cursor = cursor;
            this.next = cursor.hasNext() ? cursor.next() : null;
        }

        /** Checks the checkpoints below {@code position}; answers the first broken one's report, or null. */
        Report passBelow(long position, long nextFree, long checked, Map<String, Head> heads, long commits,
                         long unsealed) {
            while (next != null && next.getLong("_id") < position) {
                long beyond = Math.max(0, nextFree - 1 - next.getLong("_id")); // a commit straddling it
                String problem = checkpointProblem(next, checked - beyond, heads, previousSignature, generation);
                if (problem != null) {
                    return broken(position(next, problem), problem, checked, commits, unsealed);
                }
                previousSignature = next.get("sig", Binary.class).getData();
                next = cursor.hasNext() ? cursor.next() : null;
            }
            return null;
        }
    }

    /**
     * Checks a checkpoint once every commit at or below its position has been read: its signature and chain, the
     * number of events up to it, and that each aggregate's head it recorded is still the head at that point.
     */
    private String checkpointProblem(Document checkpoint, long counted, Map<String, Head> heads, byte[] previous,
                                     int[] generation) {
        Binary signature = checkpoint.get("sig", Binary.class);
        Document signed = new Document(checkpoint);
        signed.remove("sig");
        String keyId = checkpoint.getString(LogSeal.KEY_ID);
        if (signature == null || !seal.verifyDocument(keyId, signed, signature.getData())) {
            return "checkpoint signature does not match";
        }
        int keyGeneration = seal.generationOf(keyId);
        if (keyGeneration < generation[0]) {
            return "checkpoint is signed with key " + keyId + ", retired before it";
        }
        generation[0] = keyGeneration;
        Binary chained = checkpoint.get("prev", Binary.class);
        if (chained == null || !Arrays.equals(chained.getData(), previous)) {
            return "checkpoint is not chained to the one before it: a checkpoint was removed";
        }
        for (Document head : checkpoint.getList("heads", Document.class)) {
            Head now = heads.get(head.getString("agg"));
            long sequence = ((Number) head.get("seq")).longValue();
            byte[] hash = head.get("hash", Binary.class).getData();
            boolean changed = now != null && now.sequence() == sequence && hash.length > 0
                    && !Arrays.equals(hash, now.hash());
            if (now == null || now.sequence() < sequence || changed) {
                return "event " + sequence + " of aggregate " + head.getString("agg") + " recorded at position "
                        + head.get("position") + " is missing or changed";
            }
        }
        long expected = ((Number) checkpoint.get("count")).longValue();
        if (expected != counted) {
            return (expected - counted) + " event(s) at or below position " + checkpoint.getLong("_id")
                    + " are missing (checkpoint counted " + expected + ", the log holds " + counted + ")";
        }
        return null;
    }

    /** The position a broken checkpoint names: the missing head event's, else the checkpoint's. */
    private static long position(Document checkpoint, String problem) {
        for (Document head : checkpoint.getList("heads", Document.class)) {
            if (problem.contains("recorded at position " + head.get("position") + " ")) {
                return ((Number) head.get("position")).longValue();
            }
        }
        return checkpoint.getLong("_id");
    }

    private Report broken(long position, String problem, long checked, long commits, long unsealed) {
        return new Report(false, checked, commits, unsealed, position, problem, seal.publicKey());
    }
}
