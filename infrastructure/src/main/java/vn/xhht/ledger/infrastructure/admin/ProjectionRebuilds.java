package vn.xhht.ledger.infrastructure.admin;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.ResultMessage;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import vn.xhht.ledger.query.support.Packed;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.infrastructure.eventstore.MongoTokenStore;
import vn.xhht.ledger.infrastructure.eventstore.MongoTokenStore.SegmentClaim;
import vn.xhht.ledger.query.assessment.AssessmentProjection;
import vn.xhht.ledger.query.figures.FigureProjection;
import vn.xhht.ledger.query.framework.FrameworkProjection;
import vn.xhht.ledger.query.history.HistoryProjection;
import vn.xhht.ledger.query.history.StoredForm;
import vn.xhht.ledger.query.indicator.IndicatorProjection;
import vn.xhht.ledger.query.indicator.IndicatorTableCache;
import vn.xhht.ledger.query.plan.PlanProjection;
import vn.xhht.ledger.query.Views;
import vn.xhht.ledger.query.emulation.NominationProjection;
import vn.xhht.ledger.query.pcgd.SurveyProjection;
import vn.xhht.ledger.query.reporting.ReportingProjection;
import vn.xhht.ledger.query.recognition.RecognitionProjection;
import vn.xhht.ledger.query.support.Replayable;
import vn.xhht.ledger.query.support.ViewBatch.Mode;
import vn.xhht.ledger.query.unit.UnitProjection;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static com.mongodb.client.model.Filters.eq;

/**
 * Verified rebuilds (issue #5): replays the whole log into a fresh instance of the named projection writing to a
 * scratch database — the live views keep serving meanwhile — then compares its collections with the live ones,
 * document by document. Only the named projection is replayed: none reads another's documents while handling events
 * (they do only to answer queries), so the others would be work without effect.
 *
 * <p>Which collections each projection writes is declared here, in the composition root; a collection the replay
 * created that no projection declares makes the answer unequal, so the list cannot silently fall behind.
 */
@Component
public class ProjectionRebuilds {

    private static final int BATCH = 500;
    /**
     * Every collection the projection writes: its view ({@link #COLLECTIONS}) and the indicator view's batch journal,
     * whose bookkeeping must go with the documents.
     */
    static List<String> written(String name) {
        List<String> collections = new ArrayList<>(COLLECTIONS.get(name));
        if (name.equals(IndicatorProjection.NAME)) {
            collections.add("indicator_journal");
        }
        return collections;
    }

    /** Bookkeeping of a batch in flight, not view content: it legitimately differs between two runs. */
    private static final Set<String> NOT_COMPARED = Set.of("indicator_journal");
    /**
     * Histories numbered in the order events arrived. With several writers a commit can arrive after a higher position
     * (a gap filled late); a replay reads the log in position order, so its intermediate versions can be numbered
     * differently while the final state is the same. Their identities (how many versions each figure has) are
     * compared, not their contents.
     */
    private static final Set<String> ARRIVAL_ORDERED = Set.of("indicator_figure_versions");
    /**
     * The same histories where a document carries its latest page of them ({@link Packed}, its base and versions one
     * after another): compared by how many versions it holds.
     */
    private static final Map<String, String> ARRIVAL_ORDERED_FIELDS = Map.of("indicator_figures", "open");

    /** Every view by name with the collections it writes, in the registry's order ({@link Views}). */
    static final Map<String, List<String>> COLLECTIONS = new LinkedHashMap<>();

    static {
        Views.ALL.forEach(view -> COLLECTIONS.put(view.name(), view.collections()));
    }

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final MongoClient syncClient;
    private final com.mongodb.reactivestreams.client.MongoClient reactiveClient;
    private final String database;
    private final int firstYear;
    private final int lastYear;
    private final int figuresInMemory;
    private final Map<String, Progress> running = new ConcurrentHashMap<>();
    private final MongoTokenStore tokenStore;
    private final IndicatorProjection indicatorProjection;
    private final StoredForm storedForm;

    public ProjectionRebuilds(EventStore eventStore, EventProcessingConfiguration processing, MongoClient syncClient,
                              MongoTokenStore tokenStore, IndicatorProjection indicatorProjection, StoredForm storedForm,
                              com.mongodb.reactivestreams.client.MongoClient reactiveClient,
                              @Value("${xhht.mongodb.database:xhht}") String database,
                              @Value("${xhht.indicators.first-year:2021}") int firstYear,
                              @Value("${xhht.indicators.last-year:2030}") int lastYear,
                              @Value("${xhht.rebuild.figures-in-memory:400000}") int figuresInMemory) {
        this.eventStore = eventStore;
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.indicatorProjection = indicatorProjection;
        this.storedForm = storedForm;
        this.syncClient = syncClient;
        this.reactiveClient = reactiveClient;
        this.database = database;
        this.firstYear = firstYear;
        this.lastYear = lastYear;
        this.figuresInMemory = figuresInMemory;
    }

    /**
     * A projection: where it stands (the lowest of its segments), how far behind the log's head, a running rebuild's
     * progress, and which node processes each segment ({@code node} null: nobody at the moment; {@code local}: the
     * node that answered).
     */
    public record Status(String name, long position, long lag, Long rebuildEvents, List<SegmentStatus> segments) {
    }

    public record SegmentStatus(int segment, String node, boolean local, long position) {
    }

    public record Result(String name, long events, boolean equal, List<String> differences, boolean swapped) {
    }

    /** A rebuild under way: how many events it has replayed. */
    private record Progress(AtomicLong events) {
    }

    /** Every projection with its live position, its lag behind the log's head and a running rebuild's progress. */
    public List<Status> statuses() {
        long head = eventStore.createHeadToken().position().orElse(0);
        List<Status> statuses = new ArrayList<>();
        for (String name : COLLECTIONS.keySet()) {
            List<SegmentStatus> segments = segments(name);
            long position = segments.stream().mapToLong(SegmentStatus::position).min().orElse(0);
            Progress progress = running.get(name);
            statuses.add(new Status(name, position, Math.max(0, head - position),
                                    progress == null ? null : progress.events().get(), segments));
        }
        return statuses;
    }

    public Result rebuild(String name) {
        return rebuild(name, false);
    }

    /**
     * Rebuilds and compares; with {@code swap}, then stops the live processor, puts the rebuilt documents in place of
     * the live ones, moves its token to where the replay ended, and starts it again: it continues with the events
     * stored since.
     */
    public Result rebuild(String name, boolean swap) {
        if (!COLLECTIONS.containsKey(name)) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No projection named " + name);
        }
        Progress progress = new Progress(new AtomicLong());
        if (running.putIfAbsent(name, progress) != null) {
            throw new DomainException(ErrorCode.CONCURRENT_MODIFICATION, "A rebuild of " + name + " is already running");
        }
        String scratchName = database + "_rebuild_" + name;
        MongoDatabase scratch = syncClient.getDatabase(scratchName);
        try {
            scratch.drop();
            long head = eventStore.createHeadToken().position().orElse(0);
            TrackingToken[] replayedTo = new TrackingToken[1];
            long events = replay(name, reactiveClient.getDatabase(scratchName), head, progress.events(), replayedTo);
            awaitLive(name, head);
            List<String> differences = compare(name, scratch, syncClient.getDatabase(database));
            if (swap) {
                swapIn(name, scratch, replayedTo[0]);
            }
            return new Result(name, events, differences.isEmpty(), differences, swap);
        } finally {
            scratch.drop();
            running.remove(name);
        }
    }

    private void swapIn(String name, MongoDatabase rebuilt, TrackingToken replayedTo) {
        TrackingEventProcessor processor = processing.eventProcessor(name, TrackingEventProcessor.class)
                                                     .orElseThrow(() -> new IllegalStateException("No processor " + name));
        processor.shutDown();
        if (name.equals(IndicatorProjection.NAME)) {
            indicatorProjection.forgetCachedDocuments(); // its last batch's documents land before they are replaced
        }
        try {
            List<SegmentClaim> segments = tokenStore.segmentClaims(name);
            try {
                segments.forEach(segment -> tokenStore.fetchToken(name, segment.segment())); // hold every segment
            } catch (UnableToClaimTokenException e) {
                segments.forEach(segment -> tokenStore.releaseClaim(name, segment.segment()));
                throw new DomainException(ErrorCode.CONCURRENT_MODIFICATION, "Projection " + name
                        + " is being processed by another node; run the swap on that node (GET /admin/projections "
                        + "names it) or stop it first");
            }
            long claimedAt = System.nanoTime();
            MongoDatabase live = syncClient.getDatabase(database);
            for (String collection : written(name)) {
                Set<Object> kept = new HashSet<>();
                for (Document document : rebuilt.getCollection(collection).find().batchSize(BATCH)) {
                    if (System.nanoTime() - claimedAt > Duration.ofSeconds(1).toNanos()) {
                        segments.forEach(segment -> tokenStore.extendClaim(name, segment.segment()));
                        claimedAt = System.nanoTime();
                    }
                    kept.add(document.get("_id"));
                    live.getCollection(collection).replaceOne(eq("_id", document.get("_id")), document,
                                                              new ReplaceOptions().upsert(true));
                }
                for (Document document : live.getCollection(collection).find().projection(new Document("_id", 1))
                                             .batchSize(BATCH)) {
                    if (!kept.contains(document.get("_id"))) {
                        live.getCollection(collection).deleteOne(eq("_id", document.get("_id")));
                    }
                }
            }
            for (SegmentClaim segment : segments) {
                tokenStore.storeToken(replayedTo, name, segment.segment());
                tokenStore.releaseClaim(name, segment.segment());
            }
            if (name.equals(IndicatorProjection.NAME)) {
                indicatorProjection.forgetCachedDocuments();
            }
        } finally {
            processor.start();
        }
    }

    private long replay(String name, com.mongodb.reactivestreams.client.MongoDatabase target, long head, AtomicLong counter,
                        TrackingToken[] replayedTo) {
        Replayer replayer = new Replayer(replaying(name, target));
        replayer.start();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            List<EventMessage<?>> batch = new ArrayList<>(BATCH);
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (event.trackingToken().position().orElse(0) > head) {
                    break;
                }
                replayedTo[0] = event.trackingToken();
                event.getPayload(); // decoded here, on the reader's thread, while the projection handles the last batch
                batch.add(event);
                if (batch.size() == BATCH) {
                    replayer.batches.put(batch);
                    counter.addAndGet(batch.size());
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                replayer.batches.put(batch);
            }
            replayer.batches.put(Replayer.END);
            counter.addAndGet(batch.size());
            replayer.join();
        } catch (InterruptedException e) {
            replayer.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Rebuild interrupted", e);
        }
        if (replayer.failure != null) {
            throw replayer.failure;
        }
        return counter.get();
    }

    /**
     * The projection replaying the log's batches on a thread of its own, a few batches behind the reader at most: the
     * log is read and decoded while the projection handles the batch before. After a failure it keeps taking batches
     * (so the reader finishes) and the failure is raised at the end. A projection that can hold its documents in
     * memory during a replay does ({@link Mode#REPLAY}: each document written once, at the end, instead of once per
     * event).
     */
    private static final class Replayer extends Thread {

        static final List<EventMessage<?>> END = new ArrayList<>();

        final BlockingQueue<List<EventMessage<?>>> batches = new ArrayBlockingQueue<>(4);
        private final Object projection;
        private final AnnotationEventHandlerAdapter handler;
        volatile RuntimeException failure;

        Replayer(Object projection) {
            super("rebuild-" + projection.getClass().getSimpleName());
            this.projection = projection;
            this.handler = new AnnotationEventHandlerAdapter(projection);
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                for (List<EventMessage<?>> batch = batches.take(); batch != END; batch = batches.take()) {
                    if (failure == null) {
                        try {
                            handle(handler, batch);
                        } catch (RuntimeException e) {
                            failure = e;
                        }
                    }
                }
                if (failure == null && projection instanceof Replayable replayable) {
                    replayable.finishReplay();
                }
            } catch (RuntimeException e) {
                failure = e;
            } catch (InterruptedException e) {
                failure = new IllegalStateException("Rebuild interrupted", e);
            }
        }
    }

    /** One batch through one projection, in a batching unit of work as the live processors do. */
    private static void handle(AnnotationEventHandlerAdapter handler, List<EventMessage<?>> batch) {
        ResultMessage<?> result = BatchDelivery.deliver(handler, batch);
        if (result.isExceptional()) {
            throw new IllegalStateException("Replaying into " + handler.getTargetType().getSimpleName() + " failed",
                                            result.exceptionResult());
        }
    }

    /** A fresh instance of the named projection writing to {@code target}, holding its documents in memory. */
    private Object replaying(String name, com.mongodb.reactivestreams.client.MongoDatabase target) {
        Mode replay = Mode.REPLAY;
        return switch (name) {
            case UnitProjection.NAME -> new UnitProjection(target, replay);
            case PlanProjection.NAME -> new PlanProjection(target, replay);
            case FrameworkProjection.NAME -> new FrameworkProjection(target, replay);
            case AssessmentProjection.NAME -> new AssessmentProjection(target, replay);
            case RecognitionProjection.NAME -> new RecognitionProjection(target, replay);
            case FigureProjection.NAME -> new FigureProjection(target, replay);
            case HistoryProjection.NAME -> new HistoryProjection(target, storedForm, replay);
            case ReportingProjection.NAME -> new ReportingProjection(target, replay);
            case SurveyProjection.NAME -> new SurveyProjection(target, replay);
            case NominationProjection.NAME -> new NominationProjection(target, replay);
            case IndicatorProjection.NAME -> new IndicatorProjection(target, new IndicatorTableCache(Duration.ZERO, 1),
                                                                     firstYear, lastYear, replay, figuresInMemory);
            default -> throw new DomainException(ErrorCode.NOT_FOUND, "No projection named " + name);
        };
    }

    /**
     * The projection's segments as the token store has them (any node may process them), with this node's processor's
     * own position where it holds a segment: it runs slightly ahead of the token it stores with each batch.
     */
    private List<SegmentStatus> segments(String name) {
        Map<Integer, Long> local = new java.util.HashMap<>();
        processing.eventProcessor(name, TrackingEventProcessor.class).ifPresent(
                processor -> processor.processingStatus().forEach(
                        (segment, status) -> local.put(segment, status.getCurrentPosition().orElse(0))));
        List<SegmentStatus> segments = new ArrayList<>();
        for (SegmentClaim claim : tokenStore.segmentClaims(name)) {
            boolean mine = tokenStore.nodeId().equals(claim.owner());
            long position = mine && local.containsKey(claim.segment())
                    ? Math.max(claim.position(), local.get(claim.segment())) : claim.position();
            segments.add(new SegmentStatus(claim.segment(), claim.owner(), mine, position));
        }
        return segments;
    }

    private long livePosition(String name) {
        return segments(name).stream().mapToLong(SegmentStatus::position).min().orElse(0);
    }

    /**
     * Completes with true once the projection has handled every event stored when this was called, with false if it
     * has not within {@code wait} (checked every 10 ms, off the event loop): a read that must reflect every command
     * answered before it (a unit's history for an inspector) waits on it.
     */
    public Mono<Boolean> awaitCaughtUp(String name, Duration wait) {
        // each check reads the token store: on boundedElastic every time, not on the timer's thread that repeats it
        return Mono.fromCallable(() -> eventStore.createHeadToken().position().orElse(0))
                   .subscribeOn(Schedulers.boundedElastic())
                   .flatMap(head -> Mono.fromCallable(() -> livePosition(name) >= head)
                                        .subscribeOn(Schedulers.boundedElastic())
                                        .filter(Boolean::booleanValue)
                                        .repeatWhenEmpty(tries -> tries.take(Math.max(1, wait.toMillis() / 10))
                                                                       .delayElements(Duration.ofMillis(10)))
                                        .defaultIfEmpty(false));
    }

    private void awaitLive(String name, long head) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (livePosition(name) < head && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (name.equals(IndicatorProjection.NAME)) {
            // its token moves on once a batch's journal entry is stored; the batch's documents land just after
            try {
                indicatorProjection.landing().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // not landed: the comparison says where the live view differs
            }
        }
    }

    /**
     * What differs between the rebuilt and the live collections of {@code name} (empty: equal). Streams both: of the
     * rebuilt copy only each document's digest is held ({@link ViewDigest}: a few dozen bytes a document, where a
     * million-event view's documents would not fit beside the database in memory); documents whose digests differ are
     * read again by key to say where they differ.
     */
    private static List<String> compare(String name, MongoDatabase rebuilt, MongoDatabase live) {
        List<String> differences = new ArrayList<>();
        Set<String> declared = new HashSet<>(NOT_COMPARED);
        COLLECTIONS.values().forEach(declared::addAll);
        for (String collection : rebuilt.listCollectionNames()) {
            if (!declared.contains(collection)) {
                differences.add("collection " + collection + " is written by no declared projection");
            }
        }
        for (String collection : COLLECTIONS.get(name)) {
            boolean identitiesOnly = ARRIVAL_ORDERED.contains(collection);
            Map<Object, ViewDigest> expected = new HashMap<>();
            for (Document document : all(rebuilt, collection, identitiesOnly)) {
                expected.put(document.get("_id"), identitiesOnly ? ViewDigest.NONE
                        : ViewDigest.of(comparable(collection, document)));
            }
            Set<Object> differing = new TreeSet<>((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
            for (Document document : all(live, collection, identitiesOnly)) {
                ViewDigest digest = expected.remove(document.get("_id"));
                if (digest == null || !(identitiesOnly || digest.equals(ViewDigest.of(comparable(collection, document))))) {
                    differing.add(document.get("_id"));
                }
            }
            differing.addAll(expected.keySet());
            for (Object id : differing) {
                if (differences.size() >= 20) {
                    break;
                }
                differences.add(collection + " " + id + ": "
                                + difference(rebuilt.getCollection(collection).find(eq("_id", id)).first(),
                                             live.getCollection(collection).find(eq("_id", id)).first()));
            }
        }
        return differences;
    }

    /** Every document of a collection (or only their identifiers), in bounded replies. */
    private static Iterable<Document> all(MongoDatabase database, String collection, boolean identitiesOnly) {
        // bounded replies: the embedded server would answer a whole national-size collection at once (over 48 MB)
        return database.getCollection(collection).find()
                       .projection(identitiesOnly ? new Document("_id", 1) : null).batchSize(BATCH);
    }

    /** The document as compared: a field of {@link #ARRIVAL_ORDERED_FIELDS} stands as the number of versions it holds. */
    private static Document comparable(String collection, Document document) {
        String field = ARRIVAL_ORDERED_FIELDS.get(collection);
        if (document == null || field == null || !document.containsKey(field)) {
            return document;
        }
        Document copy = new Document(document);
        copy.put(field, Packed.Sequence.of(document.get(field)).size()); // the page's base and its versions
        return copy;
    }

    /** Where two versions of a document differ: the paths whose values differ, rebuilt → live. */
    private static String difference(Document rebuilt, Document live) {
        if (rebuilt == null || live == null) {
            return "rebuilt " + brief(rebuilt) + ", live " + brief(live);
        }
        List<String> paths = new ArrayList<>();
        differingPaths("", rebuilt, live, paths);
        return String.join("; ", paths.subList(0, Math.min(paths.size(), 10)));
    }

    private static void differingPaths(String prefix, Document rebuilt, Document live, List<String> paths) {
        Set<String> keys = new TreeSet<>(rebuilt.keySet());
        keys.addAll(live.keySet());
        for (String key : keys) {
            Object a = rebuilt.get(key);
            Object b = live.get(key);
            if (a instanceof Document x && b instanceof Document y) {
                differingPaths(prefix + key + ".", x, y, paths);
            } else if (!Objects.equals(a, b)) {
                paths.add(prefix + key + ": rebuilt " + (rebuilt.containsKey(key) ? a : "(absent)") + ", live "
                                  + (live.containsKey(key) ? b : "(absent)"));
            }
        }
    }

    private static String brief(Document document) {
        if (document == null) {
            return "missing";
        }
        String json = document.toJson();
        return json.length() > 300 ? json.substring(0, 300) + "…" : json;
    }
}
