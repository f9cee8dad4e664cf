package vn.xhht.ledger.infrastructure.eventstore;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.regex;

/**
 * XHHT Ledger's event storage engine on the MongoDB sync driver.
 * <ul>
 * <li><b>One document per commit.</b> All events a unit of work appends go into one document of the
 * {@code events} collection, whose {@code _id} is the global position of its first event; event {@code i} of
 * the commit has position {@code _id + i}. A single document write is atomic on MongoDB and on the embedded
 * server alike, so a commit is stored whole or not at all, without transactions.</li>
 * <li><b>Optimistic concurrency.</b> Every commit lists the stream keys it occupies ({@code aggregate + seq},
 * or the event id for an application event) in {@code keys}, under a unique index: a second writer of the
 * same aggregate sequence gets a duplicate key, translated into Axon's {@code ConcurrencyException}.</li>
 * <li><b>Gap-aware tracking.</b> Positions are reserved in blocks before the insert ({@link PositionAllocator}), so a
 * commit can become visible after a later one. Readers carry a {@link GapAwareTrackingToken}: positions they
 * have passed without seeing stay in the token as gaps and are asked for again on every fetch. A gap is given
 * up only when a commit above it was reserved more than {@code gapTimeout} ago; writers insert within
 * {@code maxCommitDelay} of their reservation or take new positions, so a late commit is never skipped.</li>
 * <li><b>Key lookups only.</b> Tracked reads ask for a window of positions by {@code _id} ({@code $in}), and
 * aggregate streams by their {@code keys}: both use unique indexes, which the embedded server honours
 * (it ignores non-unique ones), and which a real MongoDB serves from its B-trees.</li>
 * </ul>
 */
public class MongoCommitStorageEngine extends BatchingEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(MongoCommitStorageEngine.class);

    public static final String KEYS = "keys";
    static final String COUNT = "n";
    static final String RESERVED_AT = "at";
    public static final String EVENTS = "events";
    /** How many stream keys a read of an aggregate asks for first (then four times more while all are found). */
    private static final int FIRST_KEYS = 4;
    private static final char SEQUENCE_SEPARATOR = '\u0001';
    private static final char APPLICATION_EVENT_PREFIX = '\u0002';
    private static final int MAX_COMMIT_ATTEMPTS = 3;
    private static final int COMMIT_LOG_SIZE = 20_000;
    private static final int RECENT_EVENTS = 50_000;
    private static final Document COMMIT_HEADER = new Document(COUNT, 1).append(RESERVED_AT, 1);

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> snapshots;
    private final PositionAllocator allocator;
    private final Clock clock;
    private final long maxCommitDelayNanos;
    private final Duration gapTimeout;
    private final int maxGapOffset;
    private final int positionWindow;
    /**
     * How old a window read ahead may be when it is used (a commit stored since shows up as a gap, fetched by the next
     * read): far below the gap timeout less the commit delay, which is what keeps a late commit from being given up.
     */
    private final long readAheadFreshNanos;
    /**
     * Recently read commits by first position: when they reserved their positions (the evidence for giving up on
     * gaps below them) and how many events they hold (to resume a token that points inside a commit).
     */
    private final ConcurrentNavigableMap<Long, CommitInfo> commitLog = new ConcurrentSkipListMap<>();
    private final LogSeal seal;
    /**
     * Events recently written or read, by stream key: the hash the aggregate's next event chains to, and the position
     * it must be written above.
     */
    private final Map<String, Predecessor> recentEvents = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Predecessor> eldest) {
                    return size() > RECENT_EVENTS;
                }
            });

    private record CommitInfo(long reservedAtMillis, int count) {
        long last(long first) {
            return first + count - 1;
        }
    }

    protected MongoCommitStorageEngine(Builder builder) {
        super(builder);
        MongoDatabase database = builder.database;
        this.events = database.getCollection(builder.eventsCollection);
        this.snapshots = database.getCollection(builder.snapshotsCollection);
        this.clock = builder.clock;
        this.seal = builder.seal != null ? builder.seal : LogSeal.generate();
        this.allocator = new PositionAllocator(database.getCollection(builder.blocksCollection), builder.blockSize,
                                               builder.blockTtl.toNanos(), builder.clock);
        this.maxCommitDelayNanos = builder.maxCommitDelay.toNanos();
        this.gapTimeout = builder.gapTimeout;
        this.maxGapOffset = builder.maxGapOffset;
        this.positionWindow = Math.max(batchSize(), 2 * builder.blockSize);
        this.readAheadFreshNanos = builder.readAheadFreshness.toNanos();
        ensureIndexes();
    }

    public static Builder builder() {
        return new Builder();
    }

    private void ensureIndexes() {
        events.createIndex(Indexes.ascending(KEYS), new IndexOptions().unique(true).name("stream_keys"));
    }

    // ------------------------------------------------------------------------------------------ writing

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> eventMessages, Serializer serializer) {
        if (eventMessages.isEmpty()) {
            return;
        }
        EventMessage<?> first = eventMessages.get(0);
        List<String> keys = new ArrayList<>(eventMessages.size());
        List<Document> eventDocuments = new ArrayList<>(eventMessages.size());
        Set<String> identifiers = new HashSet<>();
        for (EventMessage<?> event : eventMessages) {
            String key = streamKey(event);
            if (!identifiers.add(event.getIdentifier()) || keys.contains(key)) {
                handlePersistenceException(new DuplicateEventInCommitException(
                        "Commit holds event " + event.getIdentifier() + " (" + key.replace(SEQUENCE_SEPARATOR, '#')
                                + ") twice"), first);
            }
            keys.add(key);
            eventDocuments.add(EventDocumentCodec.encode(event, serializer));
        }
        Map<String, Predecessor> predecessors = predecessors(eventMessages);
        long floor = predecessors.values().stream().mapToLong(Predecessor::position).max().orElse(0);
        for (int attempt = 1; attempt <= MAX_COMMIT_ATTEMPTS; attempt++) {
            PositionAllocator.Reservation reservation = allocator.reserve(eventMessages.size(), floor);
            List<byte[]> hashes = chain(eventMessages, eventDocuments, reservation.first(), predecessors);
            Document commit = new Document("_id", reservation.first())
                    .append(COUNT, eventMessages.size())
                    .append(RESERVED_AT, reservation.claimedAt())
                    .append(KEYS, keys)
                    .append(EVENTS, eventDocuments)
                    .append(LogSeal.MAC, seal.mac(reservation.first(), hashes))
                    .append(LogSeal.KEY_ID, seal.keyId());
            beforeInsert(reservation.first(), commit);
            if (System.nanoTime() - reservation.claimedNanos() > maxCommitDelayNanos) {
                // Readers may give up on these positions before we are visible: take fresh ones instead.
                log.warn("Commit at position {} was reserved too long ago; retrying with new positions",
                         reservation.first());
                continue;
            }
            try {
                events.insertOne(commit);
                for (int i = 0; i < eventMessages.size(); i++) {
                    remember(keys.get(i), hashes.get(i), reservation.first() + i);
                }
                return;
            } catch (MongoException e) {
                if (MongoDuplicateKeyResolver.isDuplicateKey(e)) {
                    allocator.release(reservation);
                }
                handlePersistenceException(e, first);
            }
        }
        throw new EventStoreException("Could not write the commit within " + Duration.ofNanos(maxCommitDelayNanos)
                                              + " of reserving its positions, " + MAX_COMMIT_ATTEMPTS + " times");
    }

    /** An aggregate's stored event: its hash (null if stored before the log was sealed) and its position. */
    private record Predecessor(byte[] hash, long position) {
    }

    /**
     * The stored event each domain event of the commit follows, when its predecessor is not in the same commit: from
     * the events recently written or read here, else one keyed read. Its hash is what the event chains to (an event
     * stored before the log was sealed has none: its successor starts the chain); its position is what the commit must
     * be written above, so that a replay in position order meets an aggregate's events in sequence order even when
     * another node wrote the predecessor from a later block of positions than this node's current one.
     */
    private Map<String, Predecessor> predecessors(List<? extends EventMessage<?>> eventMessages) {
        Map<String, Predecessor> previous = new HashMap<>();
        Set<String> inCommit = new HashSet<>();
        for (EventMessage<?> event : eventMessages) {
            inCommit.add(streamKey(event));
        }
        for (EventMessage<?> event : eventMessages) {
            if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getSequenceNumber() > 0) {
                String key = domainEvent.getAggregateIdentifier() + SEQUENCE_SEPARATOR + (domainEvent.getSequenceNumber() - 1);
                if (!inCommit.contains(key)) {
                    Predecessor known = recentEvents.get(key);
                    Predecessor predecessor = known != null ? known
                            : stored(domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber() - 1);
                    if (predecessor != null) {
                        previous.put(key, predecessor);
                    }
                }
            }
        }
        return previous;
    }

    private Predecessor stored(String aggregateIdentifier, long sequence) {
        Document commit = events.find(eq(KEYS, aggregateIdentifier + SEQUENCE_SEPARATOR + sequence)).first();
        if (commit == null) {
            return null;
        }
        List<Document> eventDocuments = commit.getList(EVENTS, Document.class);
        for (int i = 0; i < eventDocuments.size(); i++) {
            Document event = eventDocuments.get(i);
            Number seq = (Number) event.get(EventDocumentCodec.SEQUENCE);
            if (aggregateIdentifier.equals(event.getString(EventDocumentCodec.AGGREGATE_ID)) && seq != null
                    && seq.longValue() == sequence) {
                return new Predecessor(hashOf(event), commit.getLong("_id") + i);
            }
        }
        return null;
    }

    /** Chains the commit's events at their positions; answers their hashes in order. */
    private static List<byte[]> chain(List<? extends EventMessage<?>> eventMessages, List<Document> eventDocuments,
                                      long first, Map<String, Predecessor> predecessors) {
        Map<String, byte[]> inCommit = new HashMap<>();
        List<byte[]> hashes = new ArrayList<>(eventDocuments.size());
        for (int i = 0; i < eventDocuments.size(); i++) {
            byte[] previous = null;
            String key = streamKey(eventMessages.get(i));
            if (eventMessages.get(i) instanceof DomainEventMessage<?> domainEvent && domainEvent.getSequenceNumber() > 0) {
                String previousKey = domainEvent.getAggregateIdentifier() + SEQUENCE_SEPARATOR
                        + (domainEvent.getSequenceNumber() - 1);
                Predecessor stored = predecessors.get(previousKey);
                previous = inCommit.containsKey(previousKey) ? inCommit.get(previousKey)
                        : stored == null ? null : stored.hash();
            }
            byte[] hash = LogSeal.chain(previous, first + i, eventDocuments.get(i));
            inCommit.put(key, hash);
            hashes.add(hash);
        }
        return hashes;
    }

    static byte[] hashOf(Document event) {
        org.bson.types.Binary hash = event.get(LogSeal.HASH, org.bson.types.Binary.class);
        return hash == null ? null : hash.getData();
    }

    private void remember(String key, byte[] hash, long position) {
        recentEvents.put(key, new Predecessor(hash, position));
    }

    /**
     * Called between reserving positions and inserting the commit. Does nothing; tests override it to delay
     * writers and prove that late commits are still seen.
     */
    protected void beforeInsert(long firstPosition, Document commit) {
    }

    /**
     * A filter for the commits holding events of an aggregate: its stream keys all start with its id and the
     * separator. A prefix query: MongoDB serves it from the keys' index, the embedded server by reading every commit —
     * for the export, which may read the log; a page for a user reads {@link #streamCommits} instead.
     */
    public static Bson aggregateStream(String aggregateIdentifier) {
        return regex(KEYS, "^" + Pattern.quote(aggregateIdentifier) + SEQUENCE_SEPARATOR);
    }

    /** Stream keys asked at most at once when reading a whole stream. */
    private static final int MAX_KEYS = 1_024;

    /**
     * The commits holding an aggregate's events, in position order, each once: read by their stream keys, sequence
     * numbers from 0 in growing chunks up to the first one missing — keyed reads on the embedded server too, whatever
     * the size of the log. (An aggregate's sequence numbers start at 0 and have no holes, as when it is loaded.)
     */
    public static List<Document> streamCommits(MongoCollection<Document> events, String aggregateIdentifier) {
        Map<Long, Document> commits = new TreeMap<>();
        Set<Long> sequences = new HashSet<>();
        long next = 0;
        int chunk = FIRST_KEYS;
        while (true) {
            long end = next + chunk;
            for (Document commit : events.find(in(KEYS, streamKeys(aggregateIdentifier, next, chunk)))) {
                commits.putIfAbsent(commit.getLong("_id"), commit);
                for (Document event : commit.getList(EVENTS, Document.class)) {
                    if (aggregateIdentifier.equals(event.getString(EventDocumentCodec.AGGREGATE_ID))
                            && event.get(EventDocumentCodec.SEQUENCE) instanceof Number seq) {
                        sequences.add(seq.longValue());
                    }
                }
            }
            while (sequences.contains(next)) {
                next++; // commits found may hold later events of the stream too
            }
            if (next < end) {
                return new ArrayList<>(commits.values()); // the stream ends at the first missing sequence number
            }
            chunk = Math.min(chunk * 4, MAX_KEYS);
        }
    }

    /** The stream keys of {@code count} events of the aggregate from sequence number {@code from}. */
    private static List<String> streamKeys(String aggregateIdentifier, long from, int count) {
        List<String> keys = new ArrayList<>(count);
        for (long seq = from; seq < from + count; seq++) {
            keys.add(aggregateIdentifier + SEQUENCE_SEPARATOR + seq);
        }
        return keys;
    }

    static String streamKey(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domainEvent) {
            return domainEvent.getAggregateIdentifier() + SEQUENCE_SEPARATOR + domainEvent.getSequenceNumber();
        }
        return APPLICATION_EVENT_PREFIX + event.getIdentifier();
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = EventDocumentCodec.encode(snapshot, serializer);
        document.put("_id", snapshot.getAggregateIdentifier());
        try {
            snapshots.replaceOne(and(eq("_id", snapshot.getAggregateIdentifier()),
                                     lt(EventDocumentCodec.SEQUENCE, snapshot.getSequenceNumber())),
                                 document, new ReplaceOptions().upsert(true));
        } catch (MongoException e) {
            if (!MongoDuplicateKeyResolver.isDuplicateKey(e)) {
                handlePersistenceException(e, snapshot);
            }
            // A newer snapshot is already stored: keep it.
        }
    }

    // ------------------------------------------------------------------------------------------ aggregate streams

    /**
     * An aggregate's events from {@code firstSequenceNumber}, at most about {@code batchSize}, read by their stream
     * keys ({@code agg|seq}, a unique index). The keys are asked for a few at first and more only while all are
     * found: most streams are short (a ledger, a shard generation, a batch), and each key asked for is an index
     * probe — on the embedded H2 backend a costly one, as its index compares serialized keys.
     */
    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                    long firstSequenceNumber, int batchSize) {
        Map<Long, StoredEvent.Domain> found = new TreeMap<>();
        long end = firstSequenceNumber + batchSize;
        long next = firstSequenceNumber;
        int chunk = FIRST_KEYS;
        while (next < end) {
            int size = (int) Math.min(chunk, end - next);
            for (Document commit : events.find(in(KEYS, streamKeys(aggregateIdentifier, next, size)))) {
                long position = commit.getLong("_id");
                List<Document> eventDocuments = commit.getList(EVENTS, Document.class);
                for (int i = 0; i < eventDocuments.size(); i++) {
                    Document event = eventDocuments.get(i);
                    Number seq = (Number) event.get(EventDocumentCodec.SEQUENCE);
                    // the embedded server returns a commit once per matching key: each event is taken once
                    if (aggregateIdentifier.equals(event.getString(EventDocumentCodec.AGGREGATE_ID))
                            && seq != null && seq.longValue() >= firstSequenceNumber && !found.containsKey(seq.longValue())) {
                        remember(aggregateIdentifier + SEQUENCE_SEPARATOR + seq.longValue(), hashOf(event), position + i);
                        found.put(seq.longValue(), (StoredEvent.Domain) EventDocumentCodec.decode(event, position + i));
                    }
                }
            }
            for (long seq = next; seq < next + size; seq++) {
                if (!found.containsKey(seq)) {
                    return new ArrayList<>(found.values()); // the stream ends here
                }
            }
            next += size;
            while (next < end && found.containsKey(next)) {
                next++; // already read with a commit found for an earlier key
            }
            chunk = Math.min(chunk * 4, batchSize);
        }
        return new ArrayList<>(found.values());
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document snapshot = snapshots.find(eq("_id", aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty()
                : Stream.of((StoredEvent.Domain) EventDocumentCodec.decode(snapshot, -1));
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        if (!streamKeyExists(aggregateIdentifier, 0)) {
            return Optional.empty();
        }
        // Exponential probe for an upper bound, then binary search: O(log n) unique-key lookups.
        long low = 0;
        long high = 1;
        while (streamKeyExists(aggregateIdentifier, high)) {
            low = high;
            high *= 2;
        }
        while (high - low > 1) {
            long middle = (low + high) >>> 1;
            if (streamKeyExists(aggregateIdentifier, middle)) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return Optional.of(low);
    }

    private boolean streamKeyExists(String aggregateIdentifier, long sequence) {
        return events.find(eq(KEYS, aggregateIdentifier + SEQUENCE_SEPARATOR + sequence))
                     .projection(new Document("_id", 1)).first() != null;
    }

    // ------------------------------------------------------------------------------------------ tracked reads

    /** Commits per reply of a tracked read, at least: as many as a bulk publish's thousands of events allow. */
    private static final int REPLY_COMMITS = 20;

    /** Events per reply of a tracked read, about: the commits asked per reply follow the size of recent commits. */
    private static final int REPLY_EVENTS = 2_000;
    /** Events per commit, as a running average of the commits read (a catch-up's replies grow with small commits). */
    private volatile double eventsPerCommit = 1;

    /**
     * How many commits a reply may carry: about {@link #REPLY_EVENTS} events' worth from the commits read lately, at
     * least {@link #REPLY_COMMITS} — the embedded server answers a batch in one reply however large (past the
     * driver's 48 MB, found by the million-event rebuild benchmark), so large commits need small batches, while a
     * catch-up over one-event commits gets its window in one reply instead of seven.
     */
    private int replyCommits() {
        return (int) Math.max(REPLY_COMMITS, Math.min(positionWindow + 1, REPLY_EVENTS / Math.max(1, eventsPerCommit)));
    }

    /** A window read ahead (kept under its first position), asked for while the previous one was being handled. */
    private record ReadAhead(long askedAtNanos, CompletableFuture<List<Document>> commits) {
    }

    /** Windows read ahead, by first position: one per processor catching up (a few are kept, the old ones dropped). */
    private static final int READ_AHEADS = 16;
    private final Map<Long, ReadAhead> readAheads = new java.util.concurrent.ConcurrentHashMap<>();
    /** One thread reads ahead, started when a reader catches up and stopped after ten idle seconds. */
    private final Executor readAheadThread = new java.util.concurrent.ThreadPoolExecutor(
            0, 1, 10, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), runnable -> {
        Thread thread = new Thread(runnable, "event-read-ahead");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        GapAwareTrackingToken token = dropExpiredGaps((GapAwareTrackingToken) lastToken);
        long index = token == null ? 0 : token.getIndex();
        List<Long> positions = new ArrayList<>(positionWindow + (token == null ? 0 : token.getGaps().size()) + 1);
        long straddling = 0;
        if (token != null) {
            positions.addAll(token.getGaps());
            straddling = startOfCommitContinuingAfter(index);
            if (straddling > 0) {
                positions.add(straddling);
            }
        }
        for (long p = index + 1; p <= index + positionWindow; p++) {
            positions.add(p);
        }
        // a window read ahead answers exactly these positions when the token has no gaps and ends a commit
        List<Document> commits = token != null && !token.hasGaps() && straddling == 0 ? readAheadFrom(index + 1) : null;
        if (commits == null) {
            commits = commitsAt(positions);
        }
        boolean windowHit = commits.stream().anyMatch(c -> c.getLong("_id") > index);
        if (!windowHit && allocator.isClaimedAt(index + positionWindow + 1)) {
            // A hole wider than the window (abandoned positions, or another node's block): find what follows.
            events.find(gt("_id", index + positionWindow)).sort(Sorts.ascending("_id")).limit(batchSize)
                  .batchSize(replyCommits()).into(commits);
        }
        commits.sort(Comparator.comparingLong(c -> c.getLong("_id")));

        List<StoredEvent> result = new ArrayList<>();
        GapAwareTrackingToken current = token;
        for (Document commit : commits) {
            long first = commit.getLong("_id");
            remember(commit);
            List<Document> eventDocuments = commit.getList(EVENTS, Document.class);
            for (int i = 0; i < eventDocuments.size(); i++) {
                long position = first + i;
                if (current != null && position <= current.getIndex() && !current.getGaps().contains(position)) {
                    continue; // already delivered
                }
                current = current == null
                        ? GapAwareTrackingToken.newInstance(position, missingBelow(position))
                        : current.advanceTo(position, maxGapOffset);
                result.add(EventDocumentCodec.decode(eventDocuments.get(i), position).withToken(current));
            }
        }
        if (current != null && !current.hasGaps() && current.getIndex() >= index + positionWindow
                && readingHistory(commits.get(commits.size() - 1))) {
            // a full window without gaps, of commits made a while ago: a reader catching up, whose next window is
            // asked for now (a reader following live writes reads its next window when it comes to it)
            readAheadAfter(current.getIndex());
        }
        return result;
    }

    /** Commits reserved longer ago than this are history: a reader at them is catching up. */
    private static final long HISTORY_MILLIS = 3_000;

    private boolean readingHistory(Document lastCommit) {
        Date reservedAt = lastCommit.getDate(RESERVED_AT);
        return reservedAt != null && clock.millis() - reservedAt.getTime() > HISTORY_MILLIS;
    }

    /** The commits at the positions, in replies sized to recent commits (a commit can hold a bulk publish). */
    private List<Document> commitsAt(List<Long> positions) {
        List<Document> commits = new ArrayList<>();
        events.find(in("_id", positions)).batchSize(replyCommits()).into(commits);
        return commits;
    }

    private void readAheadAfter(long index) {
        List<Long> next = new ArrayList<>(positionWindow);
        for (long p = index + 1; p <= index + positionWindow; p++) {
            next.add(p);
        }
        long now = System.nanoTime();
        readAheads.values().removeIf(ahead -> now - ahead.askedAtNanos() > readAheadFreshNanos);
        if (readAheads.size() < READ_AHEADS) {
            readAheads.put(index + 1, new ReadAhead(now, CompletableFuture.supplyAsync(() -> commitsAt(next),
                                                                                     readAheadThread)));
        }
    }

    /**
     * The window read ahead from {@code from}, if one was asked for lately (its commits then stand as a read made a
     * moment ago: any stored since are gaps the next fetch asks for); otherwise null. Taken once.
     */
    private List<Document> readAheadFrom(long from) {
        ReadAhead ahead = readAheads.remove(from);
        if (ahead == null || System.nanoTime() - ahead.askedAtNanos() > readAheadFreshNanos) {
            return null;
        }
        try {
            return new ArrayList<>(ahead.commits().join());
        } catch (CompletionException e) {
            return null; // read again in the caller's thread, which reports what fails
        }
    }

    private Collection<Long> missingBelow(long position) {
        SortedSet<Long> gaps = new TreeSet<>();
        for (long p = Math.max(1, position - maxGapOffset); p < position; p++) {
            gaps.add(p);
        }
        return gaps;
    }

    private void remember(Document commit) {
        Date reservedAt = commit.getDate(RESERVED_AT);
        int count = commit.getInteger(COUNT);
        commitLog.put(commit.getLong("_id"), new CommitInfo(reservedAt == null ? 0 : reservedAt.getTime(), count));
        eventsPerCommit = 0.9 * eventsPerCommit + 0.1 * count;
        while (commitLog.size() > COMMIT_LOG_SIZE) {
            commitLog.pollFirstEntry();
        }
    }

    /**
     * When a token points inside a commit (a processor stopped between two events of one commit), the first
     * position of that commit, so its remaining events are fetched; otherwise 0.
     */
    private long startOfCommitContinuingAfter(long index) {
        if (index <= 0) {
            return 0;
        }
        Map.Entry<Long, CommitInfo> known = commitLog.floorEntry(index);
        if (known == null || known.getValue().last(known.getKey()) < index) {
            List<Long> lookBack = new ArrayList<>(positionWindow);
            for (long p = Math.max(1, index - positionWindow + 1); p <= index; p++) {
                lookBack.add(p);
            }
            Document nearest = null;
            for (Document commit : events.find(in("_id", lookBack)).projection(COMMIT_HEADER)) {
                remember(commit);
                if (nearest == null || commit.getLong("_id") > nearest.getLong("_id")) {
                    nearest = commit;
                }
            }
            if (nearest == null) {
                nearest = events.find(lt("_id", index + 1)).sort(Sorts.descending("_id"))
                                .projection(COMMIT_HEADER).first();
                if (nearest == null) {
                    return 0;
                }
                remember(nearest);
            }
            known = commitLog.floorEntry(index);
        }
        return known != null && known.getValue().last(known.getKey()) > index ? known.getKey() : 0;
    }

    /**
     * Gives up on the gaps below the highest commit known to have reserved its positions more than
     * {@code gapTimeout} ago: their writers have either inserted by now or abandoned those positions.
     */
    private GapAwareTrackingToken dropExpiredGaps(GapAwareTrackingToken token) {
        if (token == null || !token.hasGaps()) {
            return token;
        }
        long lowestGap = token.getGaps().first();
        if (commitLog.higherKey(lowestGap) == null) {
            List<Long> above = new ArrayList<>(positionWindow);
            for (long p = lowestGap + 1; p <= lowestGap + positionWindow; p++) {
                above.add(p);
            }
            for (Document commit : events.find(in("_id", above)).projection(COMMIT_HEADER)) {
                remember(commit);
            }
        }
        long cutoff = clock.millis() - gapTimeout.toMillis();
        long safeBelow = -1;
        for (Map.Entry<Long, CommitInfo> entry : commitLog.tailMap(lowestGap, false).entrySet()) {
            if (entry.getValue().reservedAtMillis() >= cutoff || entry.getKey() > token.getIndex()) {
                break;
            }
            safeBelow = entry.getKey();
        }
        return safeBelow > lowestGap ? token.withGapsTruncatedAt(safeBelow) : token;
    }

    @Override
    public TrackingToken createTailToken() {
        return GapAwareTrackingToken.newInstance(0, List.of());
    }

    @Override
    public TrackingToken createHeadToken() {
        long reserved = allocator.highestReserved();
        if (reserved == 0) {
            return createTailToken();
        }
        List<Long> window = new ArrayList<>(positionWindow);
        for (long p = Math.max(1, reserved - positionWindow + 1); p <= reserved; p++) {
            window.add(p);
        }
        List<Document> commits = events.find(in("_id", window)).projection(new Document(COUNT, 1))
                                       .into(new ArrayList<>());
        if (commits.isEmpty()) {
            Document last = events.find().sort(Sorts.descending("_id")).projection(new Document(COUNT, 1)).first();
            return last == null ? createTailToken()
                    : GapAwareTrackingToken.newInstance(last.getLong("_id") + last.getInteger(COUNT) - 1, List.of());
        }
        // Positions of the window below the head that are not visible yet may belong to writers still
        // committing: keep them as gaps so a processor starting at the head does not skip them.
        TreeSet<Long> covered = new TreeSet<>();
        long head = 0;
        for (Document commit : commits) {
            long first = commit.getLong("_id");
            long last = first + commit.getInteger(COUNT) - 1;
            head = Math.max(head, last);
            for (long p = first; p <= last; p++) {
                covered.add(p);
            }
        }
        List<Long> gaps = new ArrayList<>();
        for (long p = window.get(0); p < head; p++) {
            if (!covered.contains(p)) {
                gaps.add(p);
            }
        }
        return GapAwareTrackingToken.newInstance(head, gaps);
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        Date from = Date.from(dateTime.minusMillis(1));
        try (MongoCursor<Document> commits = events.find(gte(EVENTS + "." + EventDocumentCodec.TIMESTAMP, from))
                                                   .sort(Sorts.ascending("_id")).iterator()) {
            while (commits.hasNext()) {
                Document commit = commits.next();
                long first = commit.getLong("_id");
                List<Document> eventDocuments = commit.getList(EVENTS, Document.class);
                for (int i = 0; i < eventDocuments.size(); i++) {
                    if (!EventDocumentCodec.decode(eventDocuments.get(i), first + i).getTimestamp().isBefore(dateTime)) {
                        return GapAwareTrackingToken.newInstance(first + i - 1, List.of());
                    }
                }
            }
        }
        return createHeadToken();
    }


    // ------------------------------------------------------------------------------------------ builder

    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private String eventsCollection = "events";
        private String snapshotsCollection = "snapshots";
        private String blocksCollection = "event_blocks";
        private int blockSize = 64;
        private Duration blockTtl = Duration.ofSeconds(1);
        private Duration maxCommitDelay = Duration.ofSeconds(10);
        private Duration gapTimeout = Duration.ofSeconds(60);
        private Duration readAheadFreshness = Duration.ofSeconds(1);
        private int maxGapOffset = 10_000;
        private Clock clock = Clock.systemUTC();
        private LogSeal seal;

        public Builder() {
            persistenceExceptionResolver(new MongoDuplicateKeyResolver());
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        public Builder collections(String events, String snapshots, String blocks) {
            this.eventsCollection = events;
            this.snapshotsCollection = snapshots;
            this.blocksCollection = blocks;
            return this;
        }

        /** How many positions a node reserves per claim. Fixed for the life of a store. */
        public Builder blockSize(int blockSize) {
            this.blockSize = blockSize;
            return this;
        }

        public Builder blockTtl(Duration blockTtl) {
            this.blockTtl = blockTtl;
            return this;
        }

        /** A writer inserts within this time of reserving its positions, or reserves again. */
        public Builder maxCommitDelay(Duration maxCommitDelay) {
            this.maxCommitDelay = maxCommitDelay;
            return this;
        }

        /** How old a window read ahead for a reader catching up may be when it is used (default 1 s). */
        public Builder readAheadFreshness(Duration readAheadFreshness) {
            this.readAheadFreshness = readAheadFreshness;
            return this;
        }

        /** How long a reader waits for a gap before giving up on it; must exceed maxCommitDelay plus clock skew. */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        public Builder maxGapOffset(int maxGapOffset) {
            this.maxGapOffset = maxGapOffset;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The key that signs every commit; a fresh one per engine when not given (tests). */
        public Builder seal(LogSeal seal) {
            this.seal = seal;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder persistenceExceptionResolver(PersistenceExceptionResolver persistenceExceptionResolver) {
            super.persistenceExceptionResolver(persistenceExceptionResolver);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder finalAggregateBatchPredicate(Predicate<List<? extends DomainEventData<?>>> predicate) {
            super.finalAggregateBatchPredicate(predicate);
            return this;
        }

        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        @Override
        protected void validate() {
            super.validate();
            if (database == null) {
                throw new org.axonframework.common.AxonConfigurationException("A MongoDatabase is required");
            }
            if (gapTimeout.compareTo(maxCommitDelay) <= 0) {
                throw new org.axonframework.common.AxonConfigurationException(
                        "gapTimeout must be longer than maxCommitDelay");
            }
        }

        public MongoCommitStorageEngine build() {
            validate();
            return new MongoCommitStorageEngine(this);
        }
    }
}
