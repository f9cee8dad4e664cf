package vn.xhht.ledger.infrastructure.eventstore;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * Signed checkpoints over the log (EVENT-STORE.md, issue #5): a hash chain per aggregate cannot notice that an
 * aggregate's <em>last</em> events, or a whole trailing commit, were deleted — nothing follows them. The notary
 * follows the log and, every {@code interval}, at the highest position nothing can still appear below (no gap left
 * under it in its tracking token), writes {@code event_checkpoints} {@code {_id: position, count, heads: [{agg, seq, position, hash}], prev,
 * sig}}: how many events exist up to that position and the head of every aggregate written since the previous
 * checkpoint, chained to the previous checkpoint and signed. {@link LogVerifier} checks the log against them.
 * Notaries of several nodes (sharing the signing key) agree on one chain: see {@link #follow()}.
 */
public class LogNotary {

    public static final String CHECKPOINTS = "event_checkpoints";
    /** {@code {_id: a checkpoint's position, position: the next checkpoint's, at}}: one successor per checkpoint. */
    public static final String SUCCESSORS = "event_checkpoint_successors";
    private static final Logger log = LoggerFactory.getLogger(LogNotary.class);
    /**
     * The most positions one checkpoint covers: its heads (one per aggregate written in its range) must fit a document
     * (16 MB) — a bulk load of 200,000 events within one interval did not. A longer backlog gets several checkpoints,
     * written without waiting for the interval.
     */
    static final long MAX_RANGE = 10_000;
    /** The most events one commit of this service holds (a unit of work's events), bounding the look-back. */
    private static final int MAX_COMMIT = 1_000;

    private final EventStore eventStore;
    private final MongoCollection<Document> checkpoints;
    private final MongoCollection<Document> events;
    private final MongoCollection<Document> successors;
    private final LogSeal seal;
    private final Duration interval;
    private volatile boolean running;
    private Thread thread;

    public LogNotary(EventStore eventStore, MongoDatabase database, LogSeal seal, Duration interval) {
        this.eventStore = eventStore;
        this.checkpoints = database.getCollection(CHECKPOINTS);
        this.events = database.getCollection(MongoCommitStorageEngine.EVENTS);
        this.successors = database.getCollection(SUCCESSORS);
        this.seal = seal;
        this.interval = interval;
    }

    public void start() {
        running = true;
        thread = new Thread(this::run, "log-notary");
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                follow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Log notary stopped on an error; starting again from the last checkpoint", e);
                    sleep();
                }
            }
        }
    }

    /**
     * Follows the log from the last checkpoint until a later position is settled (no position at or below it can still
     * appear) and the interval has passed, then writes the checkpoint there. Its content — the count and the heads — is
     * read from the log by position, so it does not depend on the order this notary saw commits in.
     * <p>
     * The next checkpoint's position is claimed first, in {@code event_checkpoint_successors} keyed by the previous
     * checkpoint's position: only one successor per checkpoint can exist, so notaries of several nodes never fork the
     * chain. A notary that loses the race, or finds a successor claimed but not written (its notary died in between),
     * writes that checkpoint itself: its content is fixed by the claim (position and time) and the log, and Ed25519
     * signatures are deterministic, so every notary produces the same document and a second insert is a harmless
     * duplicate.
     */
    private void follow() throws InterruptedException {
        Document last = checkpoints.find().sort(Sorts.descending("_id")).first();
        long position = last == null ? 0 : last.getLong("_id");
        Document claimed = successors.find(eq("_id", position)).first();
        if (claimed != null) {
            write(last, claimed.getLong("position"), claimed.getDate("at"));
            return;
        }
        long startedAt = System.nanoTime();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(
                position == 0 ? null : GapAwareTrackingToken.newInstance(position, List.of()))) {
            long settled = position;
            while (running) {
                if (stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)) {
                    GapAwareTrackingToken token = (GapAwareTrackingToken) stream.nextAvailable().trackingToken();
                    settled = token.getGaps().isEmpty() ? token.getIndex() : token.getGaps().first() - 1;
                }
                long target = Math.min(settled, position + MAX_RANGE);
                boolean due = System.nanoTime() - startedAt >= interval.toNanos() || settled - position >= MAX_RANGE;
                if (target > position && due) {
                    Date at = new Date();
                    try {
                        successors.insertOne(new Document("_id", position).append("position", target).append("at", at));
                    } catch (MongoException e) {
                        if (MongoDuplicateKeyResolver.isDuplicateKey(e)) {
                            return; // another notary claimed the next checkpoint: write that one instead
                        }
                        throw e;
                    }
                    write(last, target, at);
                    return;
                }
            }
        }
    }

    /** The checkpoint at {@code position} following {@code last} (null: the first), as read from the log. */
    private void write(Document last, long position, Date at) {
        long from = last == null ? 0 : last.getLong("_id");
        long count = last == null ? 0 : last.getLong("count");
        Map<String, Document> heads = new LinkedHashMap<>();
        for (Document commit : commitsBetween(Math.max(1, from + 1 - MAX_COMMIT), position)) {
            long first = commit.getLong("_id");
            List<Document> eventDocuments = commit.getList(MongoCommitStorageEngine.EVENTS, Document.class);
            for (int i = 0; i < eventDocuments.size(); i++) {
                long eventPosition = first + i;
                if (eventPosition <= from || eventPosition > position) {
                    continue;
                }
                count++;
                Document event = eventDocuments.get(i);
                String aggregate = event.getString(EventDocumentCodec.AGGREGATE_ID);
                if (aggregate != null) {
                    byte[] hash = MongoCommitStorageEngine.hashOf(event);
                    heads.put(aggregate, new Document("agg", aggregate)
                            .append("seq", ((Number) event.get(EventDocumentCodec.SEQUENCE)).longValue())
                            .append("position", eventPosition).append("hash", hash == null ? new byte[0] : hash));
                }
            }
        }
        byte[] previous = last == null ? new byte[0] : last.get("sig", Binary.class).getData();
        Document checkpoint = new Document("_id", position).append("count", count).append("at", at)
                                                          .append("heads", new ArrayList<>(heads.values()))
                                                          .append("prev", previous)
                                                          .append(LogSeal.KEY_ID, seal.keyId());
        checkpoint.append("sig", seal.signDocument(checkpoint));
        try {
            checkpoints.insertOne(checkpoint);
        } catch (MongoException e) {
            if (!MongoDuplicateKeyResolver.isDuplicateKey(e)) {
                throw e;
            }
            // another notary wrote the same checkpoint (the same document: same claim, same log, deterministic signature)
        }
    }

    /**
     * The commits starting at positions {@code first .. last}, in order, read by key in windows of 128 positions (the
     * embedded server scans a whole collection for a range query, even on {@code _id}).
     */
    private List<Document> commitsBetween(long first, long last) {
        List<Document> commits = new ArrayList<>();
        for (long start = first; start <= last; start += 128) {
            List<Long> window = new ArrayList<>();
            for (long id = start; id <= Math.min(last, start + 127); id++) {
                window.add(id);
            }
            events.find(in("_id", window)).into(commits);
        }
        commits.sort(java.util.Comparator.comparingLong(commit -> commit.getLong("_id")));
        return commits;
    }

    private void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
