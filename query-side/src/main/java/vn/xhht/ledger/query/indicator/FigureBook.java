package vn.xhht.ledger.query.indicator;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Binary;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.query.support.KeyedReads;
import vn.xhht.ledger.query.support.Packed;
import vn.xhht.ledger.query.support.ViewBatch;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * The indicator view's working state for one batch of events: the documents it touches, changed in memory and
 * written together at the end of the batch, before the processor stores its token.
 *
 * <p>A batch's writes are made safe against a crash halfway through by a journal: all of them are first stored in one
 * document (with the identifiers of the batch's events), then applied, then the journal is marked done. The journal
 * holds each collection's writes as one binary value (the documents encoded once, the same bytes then written; the
 * database copies a binary without walking it) and the identifiers as one string. A journal found pending is applied
 * again (every write is an idempotent replace). The processor stores its token right after the batch, so the only
 * events that can be delivered again (after a crash or when another node takes the view over) are those of the last
 * batch written — possibly spread over several batches of the next run, between events committed late. The journal
 * keeps the identifiers of the last {@value #REMEMBERED} events written, ten batches' worth, and those are skipped: an
 * event is never counted twice, nor lost. Identifiers, not positions: in a gap-aware log an event committed late
 * arrives after higher positions.
 *
 * <p>Documents read or written are kept between batches while this book remains the only writer, so a hot ancestor
 * such as a province is read once, not once per event. Each journal entry is written only over the one this book
 * wrote last (a conditional replace): if another node wrote the view in between, the batch is refused, its unit of
 * work rolled back and handled again from what the database holds.
 *
 * <p>Once its journal entry is stored, a batch of the live processor is durable: its documents and the entry's mark
 * land while the next batch is worked (write-behind), and the next journal entry waits for them. Reads meanwhile ask
 * only for documents this book does not hold, which are not among those landing (the book keeps what it wrote; when
 * it must drop what it holds, it first waits for the landing). {@link #settle} waits for it too: before the view's
 * collections are dropped or replaced underneath.
 *
 * <p>Each event makes a version of every figure it changed, kept in pages ({@link Figure}): a batch writes the figures
 * (with the page they are filling) and the pages it filled.
 *
 * <p>In a replay into a scratch database of its own ({@link ViewBatch.Mode#REPLAY}) there is no journal: each batch's
 * full pages are inserted, and the documents are written once, when the replay ends (or, for the figures used least
 * recently, when more than {@value #MAX_CACHED} are held).
 */
final class FigureBook {

    static final String FIGURES = "indicator_figures";
    static final String VERSIONS = "indicator_figure_versions";
    static final String UNITS = "indicator_units";
    static final String JOURNAL = "indicator_journal";
    private static final int MAX_DEPTH = 64;
    /** Identifiers per {@code $in} when reading ahead. */
    private static final int READ_AHEAD_CHUNK = 32;
    /** How many of the last events written the journal remembers (ten batches of the live processor). */
    static final int REMEMBERED = 1_000;
    /**
     * Documents kept between batches (figures and units); beyond this the live cache starts afresh, and a replay writes
     * out the figures it used least recently (a replay keeps every unit: the hierarchy is needed for every roll-up).
     */
    static final int MAX_CACHED = 400_000;

    private final MongoDatabase database;
    private final ViewBatch.Mode mode;
    /** How many figures are kept between batches ({@link #MAX_CACHED} unless configured). */
    private final int capacity;
    private final MongoCollection<Document> journal;
    /** In access order: a replay writes out the least recently used first. */
    private final Map<String, Figure> figures = new LinkedHashMap<>(1 << 16, 0.75f, true);
    private final Map<String, Optional<UnitLine>> units = new HashMap<>();
    private final Map<String, Map<String, Optional<Document>>> documents = new HashMap<>();
    private final Set<Figure> dirtyFigures = new LinkedHashSet<>();
    private final Set<UnitLine> dirtyUnits = new LinkedHashSet<>();
    private final Map<String, Map<String, Document>> dirtyDocuments = new LinkedHashMap<>();
    private final Set<Figure> touchedByEvent = new LinkedHashSet<>();
    private final List<Document> versions = new ArrayList<>();
    private List<String> written = List.of();
    private Set<String> recentlyWritten = Set.of();
    private final List<String> batchEvents = new ArrayList<>();
    /** The journal entry this book last wrote (or read), to know whether another writer came in between. */
    private String lastFlushed;
    /**
     * The figures a replay wrote out to make room, read back when needed again. Any other document a replay does not
     * hold does not exist yet: nobody else writes its database.
     */
    private final Set<String> writtenOut = new HashSet<>();
    private CompletableFuture<Void> inFlight;
    /** The last live batch's landing, for other threads to wait on ({@link #landing}). */
    private volatile CompletableFuture<Void> landed = CompletableFuture.completedFuture(null);
    private Instant timestamp;
    /**
     * Figures and units read ahead for this batch ({@link #readAhead}) by collection and identifier, empty when the
     * database has none: each is taken instead of a round trip of its own.
     */
    private final Map<String, Map<String, Optional<Document>>> readAhead = new HashMap<>();

    FigureBook(MongoDatabase database, ViewBatch.Mode mode, int capacity) {
        this.database = database;
        this.mode = mode;
        this.capacity = capacity;
        this.journal = database.getCollection(JOURNAL);
    }

    // ------------------------------------------------------------------ batch life

    /**
     * Starts a batch. After a batch this book wrote itself, nothing is read: the next journal entry's conditional write
     * is the check that nobody else wrote the view since. Otherwise (the first batch, or after a rollback) the journal
     * is read: an entry left pending by a crash is applied again, and what this book holds is dropped.
     */
    void beginBatch() {
        if (mode == ViewBatch.Mode.REPLAY) {
            return; // nobody else writes a replay's database, and nothing is delivered twice
        }
        readAhead.clear();
        batchEvents.clear();
        if (lastFlushed != null) {
            return;
        }
        settle();
        Document entry = Mono.from(journal.find(eq("_id", "journal")).first()).block();
        String flushed = entry == null ? null : entry.getString("flush");
        if (entry != null && entry.getBoolean("pending", false)) {
            Writes.journalled(entry.get("writes", Document.class)).apply(database).block();
            Mono.from(journal.replaceOne(eq("_id", "journal"), done(flushed, remembered(entry)))).block();
        }
        clear();
        written = remembered(entry);
        recentlyWritten = Set.copyOf(written);
        lastFlushed = flushed;
    }

    /** Whether the event is already in the view: written by a recent batch, delivered again. */
    boolean alreadyApplied(String eventIdentifier) {
        return recentlyWritten.contains(eventIdentifier);
    }

    /** The identifiers of the last events written, as the journal names them: one string, a line each. */
    private static List<String> remembered(Document entry) {
        String events = entry == null ? null : entry.getString("events");
        return events == null || events.isEmpty() ? List.of() : List.of(events.split("\n"));
    }

    void begin(String eventIdentifier, Instant timestamp) {
        if (eventIdentifier != null) {
            batchEvents.add(eventIdentifier);
        }
        this.timestamp = timestamp;
    }

    /**
     * Ends one event: every figure it changed gets a new version, stamped with the event's record time; a page of
     * versions it fills is stored with the batch ({@link Figure}).
     */
    void end() {
        for (Figure figure : touchedByEvent) {
            Document fullPage = figure.newVersion(timestamp);
            if (fullPage != null) {
                versions.add(fullPage);
            }
        }
        touchedByEvent.clear();
    }

    /**
     * Writes the batch: its journal entry first, over the one this book wrote last; then every document and the entry
     * marked done. With {@code behind}, those land while the caller goes on (the next batch); otherwise they have
     * landed on return. Returns the landing.
     *
     * @throws IllegalStateException if another writer stored a journal entry since this book's last one: the batch was
     *                               worked from stale documents and is not written
     */
    CompletableFuture<Void> flush(boolean behind) {
        if (mode == ViewBatch.Mode.REPLAY) {
            insert(VERSIONS, versions);
            versions.clear();
            if (figures.size() > capacity) {
                writeOutLeastRecentlyUsed();
            }
            return CompletableFuture.completedFuture(null);
        }
        if (dirtyFigures.isEmpty() && dirtyUnits.isEmpty() && dirtyDocuments.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Writes writes = new Writes();
        dirtyFigures.forEach(f -> writes.add(FIGURES, f.toDocument()));
        versions.forEach(v -> writes.add(VERSIONS, v));
        dirtyUnits.forEach(u -> writes.add(UNITS, u.toDocument()));
        dirtyDocuments.forEach((collection, docs) -> docs.values().forEach(d -> writes.add(collection, d)));
        String flush = java.util.UUID.randomUUID().toString();
        List<String> remembered = new ArrayList<>(written);
        remembered.addAll(batchEvents);
        remembered = List.copyOf(remembered.subList(Math.max(0, remembered.size() - REMEMBERED), remembered.size()));
        Document entry = done(flush, remembered).append("pending", true).append("writes", writes.journal());
        awaitInFlight(); // the last batch's documents and mark land before this entry replaces it
        try {
            // upsert: no entry yet, or the one last written here, is replaced; one written by another node is not
            // matched, and the upsert then collides with it on _id
            Mono.from(journal.replaceOne(and(eq("_id", "journal"), eq("flush", lastFlushed)), entry,
                                         new ReplaceOptions().upsert(true))).block();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            discard();
            throw new IllegalStateException("The indicator view's journal was written by another writer since this "
                                            + "node's last batch; the batch is handled again from the view as stored", e);
        }
        Mono<Void> marked = Mono.from(journal.replaceOne(and(eq("_id", "journal"), eq("flush", flush)),
                                                         done(flush, remembered))).then();
        CompletableFuture<Void> landing = writes.apply(database).then(marked).toFuture();
        written = remembered;
        recentlyWritten = Set.copyOf(remembered);
        lastFlushed = flush;
        dirtyFigures.clear();
        dirtyUnits.clear();
        dirtyDocuments.clear();
        versions.clear();
        inFlight = landing;
        landed = landing;
        if (!behind || figures.size() + units.size() > capacity) {
            awaitInFlight();
        }
        if (figures.size() + units.size() > capacity) {
            clear();
        }
        return landing;
    }

    /**
     * The last live batch's documents landing; completed once they have (exceptionally if they failed to, which the
     * journal repairs). Safe to ask from any thread.
     */
    CompletableFuture<Void> landing() {
        return landed;
    }

    /**
     * Waits until the last batch's documents have landed (a failure to land is left to the journal: the entry stays
     * pending and the next batch that reads it applies it again).
     */
    void settle() {
        try {
            awaitInFlight();
        } catch (RuntimeException e) {
            // the next batch reads the journal again, its entry still pending
        }
    }

    /** Makes room in a replay: writes out the quarter of the figures used least recently, and forgets them. */
    private void writeOutLeastRecentlyUsed() {
        awaitInFlight();
        Writes writes = new Writes();
        Iterator<Figure> eldest = figures.values().iterator();
        while (figures.size() > capacity * 3 / 4 && eldest.hasNext()) {
            Figure figure = eldest.next();
            if (dirtyFigures.remove(figure)) {
                writes.add(FIGURES, figure.toDocument());
            }
            writtenOut.add(figure.id());
            eldest.remove();
        }
        writes.apply(database).block();
    }

    /** A replay's end: writes every document changed since the last time, and forgets them. */
    void finishReplay() {
        awaitInFlight();
        Writes writes = new Writes();
        dirtyFigures.forEach(f -> writes.add(FIGURES, f.toDocument()));
        dirtyUnits.forEach(u -> writes.add(UNITS, u.toDocument()));
        dirtyDocuments.forEach((collection, docs) -> docs.values().forEach(d -> writes.add(collection, d)));
        writes.apply(database).block();
        clear();
    }

    /**
     * A replay's batch of versions, inserted while the next batch is handled (one write in flight: the database works
     * while the replay computes).
     */
    private void insert(String collection, List<Document> documents) {
        awaitInFlight();
        List<List<WriteModel<Document>>> chunks = new ArrayList<>();
        for (int from = 0; from < documents.size(); from += 1_000) {
            chunks.add(documents.subList(from, Math.min(documents.size(), from + 1_000)).stream()
                                .<WriteModel<Document>>map(InsertOneModel::new).toList());
        }
        inFlight = Flux.fromIterable(chunks)
                       .concatMap(chunk -> database.getCollection(collection)
                                                   .bulkWrite(chunk, new BulkWriteOptions().ordered(false)))
                       .then().toFuture();
    }

    /**
     * Waits for the write in flight; if it failed, rethrows, and the next batch reads the journal again (the live
     * batch's entry is still pending there).
     */
    private void awaitInFlight() {
        if (inFlight != null) {
            CompletableFuture<Void> write = inFlight;
            inFlight = null;
            try {
                write.join();
            } catch (RuntimeException e) {
                lastFlushed = null;
                throw e;
            }
        }
    }

    /**
     * Forgets the batch and what this book holds, once the last batch's documents have landed (its unit of work rolled
     * back: the events will be delivered again; or the view's documents are about to change underneath).
     */
    void discard() {
        settle();
        clear();
        batchEvents.clear();
        lastFlushed = null;
    }

    private static Document done(String flush, List<String> events) {
        return new Document("_id", "journal").append("flush", flush).append("events", String.join("\n", events))
                                             .append("pending", false);
    }

    private void clear() {
        readAhead.clear();
        figures.clear();
        units.clear();
        documents.clear();
        dirtyFigures.clear();
        dirtyUnits.clear();
        dirtyDocuments.clear();
        touchedByEvent.clear();
        versions.clear();
    }

    /**
     * A batch's writes, each document encoded once: the journal holds the encoded documents of each collection joined in
     * one binary value ({@link Packed#rawAll}), and the same bytes are written to the collections.
     */
    private static final class Writes {

        private final Map<String, List<RawBsonDocument>> byCollection = new LinkedHashMap<>();

        void add(String collection, Document document) {
            byCollection.computeIfAbsent(collection, c -> new ArrayList<>()).add(Packed.raw(document));
        }

        static Writes journalled(Document journal) {
            Writes writes = new Writes();
            journal.forEach((collection, joined) -> writes.byCollection.put(collection, Packed.rawAll(joined)));
            return writes;
        }

        Document journal() {
            Document journal = new Document();
            byCollection.forEach((collection, documents) -> {
                ByteArrayOutputStream joined = new ByteArrayOutputStream();
                documents.forEach(d -> {
                    ByteBuffer bytes = d.getByteBuffer().asNIO();
                    joined.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                });
                journal.append(collection, new Binary(joined.toByteArray()));
            });
            return journal;
        }

        /** Every write, an idempotent replace, a bulk write per collection and thousand documents, in turn. */
        Mono<Void> apply(MongoDatabase database) {
            List<Mono<?>> chunks = new ArrayList<>();
            byCollection.forEach((collection, documents) -> {
                List<WriteModel<RawBsonDocument>> models = documents.stream().<WriteModel<RawBsonDocument>>map(
                        d -> new ReplaceOneModel<>(eq("_id", d.get("_id")), d, new ReplaceOptions().upsert(true))).toList();
                for (int from = 0; from < models.size(); from += 1_000) {
                    List<WriteModel<RawBsonDocument>> chunk = models.subList(from, Math.min(models.size(), from + 1_000));
                    chunks.add(Mono.defer(() -> Mono.from(
                            database.getCollection(collection, RawBsonDocument.class).bulkWrite(chunk))));
                }
            });
            return Flux.concat(chunks).then();
        }
    }

    // ------------------------------------------------------------------ documents

    /** A document of a small collection (plans, targets, recognitions, the catalogue), or null. */
    Document document(String collection, String id) {
        return documents.computeIfAbsent(collection, c -> new HashMap<>())
                        .computeIfAbsent(id, key -> Optional.ofNullable(read(collection, key)))
                        .orElse(null);
    }

    /**
     * A document as the database has it. A replay asks only for figures it wrote out: it knows the database holds
     * nothing else (a round trip per new unit and figure would be most of its time).
     */
    private Document read(String collection, String id) {
        if (mode == ViewBatch.Mode.REPLAY && !(collection.equals(FIGURES) && writtenOut.contains(id))) {
            return null;
        }
        Map<String, Optional<Document>> readAheadOf = readAhead.get(collection);
        Optional<Document> ahead = readAheadOf == null ? null : readAheadOf.remove(id);
        if (ahead != null) {
            return ahead.orElse(null);
        }
        return Mono.from(database.getCollection(collection).find(eq("_id", id)).first()).block();
    }

    /**
     * Reads ahead what a batch naming these units will look up, instead of a round trip per document as its events
     * need them: the units this book does not hold, then their figures for every year of the programme and those of
     * their parents at each year's end: an {@code $in} per {@value #READ_AHEAD_CHUNK} identifiers, all at once
     * ({@link KeyedReads}); most figures of a batch of new facts are not there yet, and are then made without asking.
     */
    void readAhead(Collection<String> unitIds, int firstYear, int lastYear) {
        if (mode == ViewBatch.Mode.REPLAY) {
            return; // a replay asks the database only for what it wrote out itself
        }
        readAhead(UNITS, unitIds.stream().filter(id -> !units.containsKey(id)).distinct().toList());
        Set<String> figureIds = new LinkedHashSet<>();
        for (String unitId : unitIds) {
            for (int year = firstYear; year <= lastYear; year++) {
                figureIds.add(Figure.id(unitId, year));
                String parent = parentAtYearEnd(unitId, year);
                if (parent != null) {
                    figureIds.add(Figure.id(parent, year));
                }
            }
        }
        readAhead(FIGURES, figureIds.stream().filter(id -> !figures.containsKey(id)).toList());
    }

    private void readAhead(String collection, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Map<String, Optional<Document>> ahead = readAhead.computeIfAbsent(collection, c -> new HashMap<>());
        ids.forEach(id -> ahead.put(id, Optional.empty()));
        KeyedReads.byIds(database.getCollection(collection), ids, READ_AHEAD_CHUNK, ids.size() / READ_AHEAD_CHUNK + 1)
            .doOnNext(document -> ahead.put(document.getString("_id"), Optional.of(document)))
            .blockLast();
    }

    void save(String collection, Document document) {
        String id = document.getString("_id");
        documents.computeIfAbsent(collection, c -> new HashMap<>()).put(id, Optional.of(document));
        dirtyDocuments.computeIfAbsent(collection, c -> new LinkedHashMap<>()).put(id, document);
    }

    UnitLine unit(String unitId) {
        return units.computeIfAbsent(unitId, id -> Optional.ofNullable(read(UNITS, id)).map(UnitLine::fromDocument))
                    .orElse(null);
    }

    void saveUnit(UnitLine unit) {
        units.put(unit.unitId, Optional.of(unit));
        dirtyUnits.add(unit);
    }

    Figure figure(String unitId, int year) {
        String id = Figure.id(unitId, year);
        Figure figure = figures.get(id);
        if (figure == null) {
            Document document = read(FIGURES, id);
            figure = document == null ? new Figure(unitId, year) : Figure.fromDocument(unitId, year, document);
            figures.put(id, figure);
            UnitLine unit = unit(unitId);
            if (unit != null && unit.years.add(year)) {
                saveUnit(unit);
            }
        }
        return figure;
    }

    private void touch(Figure figure, String key) {
        figure.changed(key);
        dirtyFigures.add(figure);
        touchedByEvent.add(figure);
    }

    /** Keeps a figure whose titles held changed without changing a quantity (no new version). */
    void keep(Figure figure) {
        dirtyFigures.add(figure);
    }

    // ------------------------------------------------------------------ changes and roll-up

    String parentAtYearEnd(String unitId, int year) {
        UnitLine unit = unit(unitId);
        return unit == null ? null : unit.parentOn(UnitLine.yearEnd(year), null);
    }

    /** Sets a unit's own value of a quantity for a year (null: not given), and rolls the change up. */
    void setOwn(String unitId, int year, String key, Long own) {
        Figure figure = figure(unitId, year);
        long before = figure.effective(key);
        figure.quantity(key).own = own;
        touch(figure, key);
        rollUp(parentAtYearEnd(unitId, year), year, key, figure.effective(key) - before);
    }

    /** Adds to a unit's own value of an additive quantity for a year, and rolls the change up. */
    void addOwn(String unitId, int year, String key, long delta) {
        Figure figure = figure(unitId, year);
        Long own = figure.quantity(key).own;
        long next = (own == null ? 0 : own) + delta;
        setOwn(unitId, year, key, next == 0 ? null : next);
    }

    /**
     * Adds {@code delta} to the children's sum of {@code unitId} and carries on up while the effective value changes
     * (a unit's own baseline stops a change of its children's sum from reaching its ancestors).
     */
    void rollUp(String unitId, int year, String key, long delta) {
        for (int depth = 0; unitId != null && delta != 0 && depth < MAX_DEPTH; depth++) {
            Figure figure = figure(unitId, year);
            long before = figure.effective(key);
            figure.quantity(key).kids += delta;
            touch(figure, key);
            delta = figure.effective(key) - before;
            unitId = parentAtYearEnd(unitId, year);
        }
    }

    /** Moves a unit's whole figures for a year from one parent's roll-up to another's. */
    void moveFigures(String unitId, int year, String fromParent, String toParent) {
        Figure figure = figure(unitId, year);
        for (String key : List.copyOf(figure.keys())) {
            long value = figure.effective(key);
            if (value != 0) {
                rollUp(fromParent, year, key, -value);
                rollUp(toParent, year, key, value);
            }
        }
    }
}
