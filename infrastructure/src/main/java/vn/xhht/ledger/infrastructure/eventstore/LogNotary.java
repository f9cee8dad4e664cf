package vn.xhht.ledger.infrastructure.eventstore;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
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

/**
 * Signed checkpoints over the log (EVENT-STORE.md, issue #5): a hash chain per aggregate cannot notice that an
 * aggregate's <em>last</em> events, or a whole trailing commit, were deleted — nothing follows them. The notary
 * follows the log and, every {@code interval} once every position below is settled (no gap left in its tracking
 * token), writes {@code event_checkpoints} {@code {_id: position, count, heads: [{agg, seq, position, hash}], prev,
 * sig}}: how many events exist up to that position and the head of every aggregate written since the previous
 * checkpoint, chained to the previous checkpoint and signed. {@link LogVerifier} checks the log against them.
 * Checkpoints are keyed by position, so notaries of several nodes (sharing the signing key) never conflict.
 */
public class LogNotary {

    public static final String CHECKPOINTS = "event_checkpoints";
    private static final Logger log = LoggerFactory.getLogger(LogNotary.class);
    /** The most events one commit of this service holds (a unit of work's events), bounding the look-back. */
    private static final int MAX_COMMIT = 1_000;

    private final EventStore eventStore;
    private final MongoCollection<Document> checkpoints;
    private final MongoCollection<Document> events;
    private final LogSeal seal;
    private final Duration interval;
    private volatile boolean running;
    private Thread thread;

    public LogNotary(EventStore eventStore, MongoDatabase database, LogSeal seal, Duration interval) {
        this.eventStore = eventStore;
        this.checkpoints = database.getCollection(CHECKPOINTS);
        this.events = database.getCollection(MongoCommitStorageEngine.EVENTS);
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

    private void follow() throws InterruptedException {
        Document last = checkpoints.find().sort(Sorts.descending("_id")).first();
        long position = last == null ? 0 : last.getLong("_id");
        long count = last == null ? 0 : last.getLong("count");
        byte[] previous = last == null ? new byte[0] : last.get("sig", Binary.class).getData();
        Map<String, long[]> heads = new LinkedHashMap<>();
        long checkpointedAt = System.nanoTime();
        GapAwareTrackingToken token = null;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(
                position == 0 ? null : GapAwareTrackingToken.newInstance(position, List.of()))) {
            while (running) {
                if (stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)) {
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    token = (GapAwareTrackingToken) event.trackingToken();
                    long at = token.getIndex();
                    count++;
                    if (event instanceof DomainEventMessage<?> domain) {
                        heads.put(domain.getAggregateIdentifier(), new long[]{domain.getSequenceNumber(),
                                at});
                    }
                }
                boolean settled = token != null && token.getGaps().isEmpty() && token.getIndex() > position;
                if (settled && System.nanoTime() - checkpointedAt >= interval.toNanos()) {
                    previous = write(token.getIndex(), count, heads, previous);
                    position = token.getIndex();
                    heads.clear();
                    checkpointedAt = System.nanoTime();
                }
            }
        }
    }

    private byte[] write(long position, long count, Map<String, long[]> heads, byte[] previous) {
        List<Document> headDocuments = new ArrayList<>();
        heads.forEach((aggregate, head) -> headDocuments.add(
                new Document("agg", aggregate).append("seq", head[0]).append("position", head[1])
                                              .append("hash", hashAt(head[1], aggregate, head[0]))));
        Document checkpoint = new Document("_id", position).append("count", count).append("at", new Date())
                                                          .append("heads", headDocuments).append("prev", previous);
        byte[] signature = seal.signDocument(checkpoint);
        checkpoint.append("sig", signature);
        try {
            checkpoints.insertOne(checkpoint);
        } catch (MongoException e) {
            if (!MongoDuplicateKeyResolver.isDuplicateKey(e)) {
                throw e;
            }
            // another node checkpointed the same position
        }
        return signature;
    }

    /**
     * The stored hash of the event at {@code position}, which must be the aggregate's event {@code sequence} (empty for
     * an event stored before the log was sealed). Anything else means the log changed under the notary: no checkpoint.
     */
    private byte[] hashAt(long position, String aggregate, long sequence) {
        for (long first = position; first > Math.max(0, position - MAX_COMMIT); first--) {
            Document commit = events.find(eq("_id", first)).first();
            if (commit == null) {
                continue;
            }
            List<Document> eventDocuments = commit.getList(MongoCommitStorageEngine.EVENTS, Document.class);
            int index = (int) (position - first);
            Document event = index < eventDocuments.size() ? eventDocuments.get(index) : null;
            Number seq = event == null ? null : (Number) event.get(EventDocumentCodec.SEQUENCE);
            if (event == null || !aggregate.equals(event.getString(EventDocumentCodec.AGGREGATE_ID)) || seq == null
                    || seq.longValue() != sequence) {
                break;
            }
            byte[] hash = MongoCommitStorageEngine.hashOf(event);
            return hash == null ? new byte[0] : hash;
        }
        throw new IllegalStateException("Event " + sequence + " of " + aggregate + " is no longer at position " + position);
    }

    private void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
