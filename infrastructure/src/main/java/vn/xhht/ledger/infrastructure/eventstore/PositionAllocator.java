package vn.xhht.ledger.infrastructure.eventstore;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import org.axonframework.common.AxonConfigurationException;
import org.bson.Document;

import java.time.Clock;
import java.util.Date;

import static com.mongodb.client.model.Filters.eq;

/**
 * Hands out global positions for commits, in blocks claimed by inserting a block document.
 * <p>
 * Block {@code k} holds positions {@code k * size + 1 .. (k + 1) * size}. A node claims the block after the
 * highest it knows by inserting {@code {_id: k}}; the unique {@code _id} index lets exactly one node have it
 * (the embedded server's {@code $inc} is not atomic across connections, its unique indexes are). Because a
 * node only tries {@code k + 1} once {@code k} exists, claims are contiguous and happen in block order: a
 * position is never reserved after a higher one, which is what makes gap timeouts safe.
 * <p>
 * Each reservation carries when its block was claimed (or last renewed). A writer must insert within
 * {@code maxCommitDelay} of that instant or reserve again; readers give up on a gap only once a commit above
 * it was reserved more than the gap timeout ago. An idle block is renewed instead of abandoned when nobody has
 * claimed a later block, so a single node leaves no holes behind.
 */
final class PositionAllocator {

    static final String CLAIMED_AT = "at";
    static final String SIZE = "size";

    /** Positions {@code first .. first + count - 1}, reserved at {@code claimedAt}. */
    record Reservation(long first, int count, long claimedNanos, Date claimedAt) {
        long last() {
            return first + count - 1;
        }
    }

    private final MongoCollection<Document> blocks;
    private final int blockSize;
    private final long blockTtlNanos;
    private final Clock clock;

    private long highestKnownBlock = Long.MIN_VALUE;
    private long currentBlock = -1;
    private long next;
    private long end;
    private long claimedNanos;
    private Date claimedAt;

    PositionAllocator(MongoCollection<Document> blocks, int blockSize, long blockTtlNanos, Clock clock) {
        this.blocks = blocks;
        this.blockSize = blockSize;
        this.blockTtlNanos = blockTtlNanos;
        this.clock = clock;
        Document highest = highestBlock();
        if (highest != null && highest.getInteger(SIZE, blockSize) != blockSize) {
            throw new AxonConfigurationException("This event store was written with position blocks of "
                                                         + highest.getInteger(SIZE) + "; it cannot be read with "
                                                         + blockSize);
        }
    }


    synchronized Reservation reserve(int count) {
        return reserve(count, 0);
    }

    /**
     * Positions for a commit that must come after {@code floor} (the position of an event it follows, which another
     * node may have written from a later block): if this node's current block is not past it, the next free block is.
     */
    synchronized Reservation reserve(int count, long floor) {
        if (currentBlock < 0 || next + count - 1 > end || next <= floor) {
            claim(count);
        } else if (System.nanoTime() - claimedNanos > blockTtlNanos) {
            if (isClaimed(currentBlock + 1)) {
                claim(count); // someone reserved after us: our remaining positions are too old to use now
            } else {
                stamp(); // nobody reserved after us: the rest of our block is as good as new
            }
        }
        Reservation reservation = new Reservation(next, count, claimedNanos, claimedAt);
        next += count;
        return reservation;
    }

    /**
     * Gives back a reservation whose commit was definitely not written (a duplicate-key refusal), when it is still
     * the latest handed out of the current block: its positions are then reused and leave no gap.
     */
    synchronized void release(Reservation reservation) {
        if (reservation.claimedNanos() == claimedNanos && reservation.last() + 1 == next) {
            next = reservation.first();
        }
    }

    /** Whether any node has claimed the block holding {@code position}. */
    boolean isClaimedAt(long position) {
        return position > 0 && isClaimed((position - 1) / blockSize);
    }

    /** The last position of the highest claimed block (0 when nothing was ever reserved). */
    long highestReserved() {
        Document highest = highestBlock();
        return highest == null ? 0 : (((Number) highest.get("_id")).longValue() + 1) * blockSize;
    }

    private boolean isClaimed(long block) {
        return blocks.find(eq("_id", block)).projection(new Document("_id", 1)).first() != null;
    }

    private Document highestBlock() {
        return blocks.find().sort(Sorts.descending("_id")).first();
    }

    private void claim(int count) {
        int needed = Math.max(1, (count + blockSize - 1) / blockSize);
        if (highestKnownBlock == Long.MIN_VALUE) {
            Document highest = highestBlock();
            highestKnownBlock = highest == null ? -1 : ((Number) highest.get("_id")).longValue();
        }
        long candidate = Math.max(highestKnownBlock, currentBlock) + 1;
        int claimed = 0;
        while (claimed < needed) {
            long block = candidate + claimed;
            try {
                blocks.insertOne(new Document("_id", block).append(SIZE, blockSize)
                                                           .append(CLAIMED_AT, Date.from(clock.instant())));
                claimed++;
            } catch (MongoException e) {
                if (!MongoDuplicateKeyResolver.isDuplicateKey(e)) {
                    throw e;
                }
                // Another node has it. Blocks we took for a multi-block commit are left unused (a gap).
                highestKnownBlock = block;
                candidate = block + 1;
                claimed = 0;
            }
        }
        highestKnownBlock = candidate + needed - 1;
        currentBlock = highestKnownBlock;
        next = candidate * blockSize + 1;
        end = (candidate + needed) * blockSize;
        stamp();
    }

    private void stamp() {
        claimedNanos = System.nanoTime();
        claimedAt = Date.from(clock.instant());
    }
}
