package vn.xhht.ledger.infrastructure.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Clock;
import java.util.Date;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * Hands out global positions for commits.
 * <p>
 * Positions come from one counter document shared by every node ({@code $inc} is atomic), reserved in small
 * blocks so that a busy node pays one counter round trip per block instead of one per commit. Each block
 * remembers when it was claimed: a writer must insert its commit within {@code maxCommitDelay} of that
 * instant or take fresh positions, which is what lets readers give up on a gap after the gap timeout
 * without ever skipping a commit that arrives late. A block is used for at most {@code blockTtl}; when a
 * node claims its next block and nobody else has claimed since, it continues right after its last used
 * position, so a single node leaves no holes behind.
 */
final class PositionAllocator {

    static final String FIELD = "value";

    /** Positions {@code first .. first + count - 1}, reserved at {@code claimedAt}. */
    record Reservation(long first, int count, long claimedNanos, Date claimedAt) {
        long last() {
            return first + count - 1;
        }
    }

    private final MongoCollection<Document> counters;
    private final String counterId;
    private final int blockSize;
    private final long blockTtlNanos;
    private final Clock clock;

    private long next = 1;
    private long end = 0;
    private long claimedNanos;
    private Date claimedAt;

    PositionAllocator(MongoCollection<Document> counters, String counterId, int blockSize, long blockTtlNanos,
                      Clock clock) {
        this.counters = counters;
        this.counterId = counterId;
        this.blockSize = blockSize;
        this.blockTtlNanos = blockTtlNanos;
        this.clock = clock;
    }

    synchronized Reservation reserve(int count) {
        long now = System.nanoTime();
        if (end == 0 || next + count - 1 > end || now - claimedNanos > blockTtlNanos) {
            claim(count);
        }
        Reservation reservation = new Reservation(next, count, claimedNanos, claimedAt);
        next += count;
        return reservation;
    }

    /**
     * Gives back a reservation whose commit was definitely not written (e.g. a duplicate-key refusal), when it
     * is still the latest one handed out of the current block: its positions are then reused and leave no gap.
     */
    synchronized void release(Reservation reservation) {
        if (reservation.claimedNanos() == claimedNanos && reservation.last() + 1 == next) {
            next = reservation.first();
        }
    }

    /** The highest position reserved so far by any node (0 when nothing was ever reserved). */
    long highestReserved() {
        Document counter = counters.find(eq("_id", counterId)).first();
        return counter == null ? 0 : ((Number) counter.get(FIELD)).longValue();
    }

    private void claim(int count) {
        int size = Math.max(count, blockSize);
        Document counter = null;
        if (end > 0 && next <= end) {
            // Our block's tail is unused. If nobody claimed after us, continue right after our last position.
            counter = counters.findOneAndUpdate(and(eq("_id", counterId), eq(FIELD, end)),
                                                Updates.set(FIELD, next - 1 + size),
                                                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        }
        if (counter == null) {
            counter = counters.findOneAndUpdate(eq("_id", counterId),
                                                Updates.inc(FIELD, (long) size),
                                                new FindOneAndUpdateOptions().upsert(true)
                                                                             .returnDocument(ReturnDocument.AFTER));
        }
        end = ((Number) counter.get(FIELD)).longValue();
        next = end - size + 1;
        claimedNanos = System.nanoTime();
        claimedAt = Date.from(clock.instant());
    }
}
