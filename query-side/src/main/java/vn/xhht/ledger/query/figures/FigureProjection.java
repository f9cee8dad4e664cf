package vn.xhht.ledger.query.figures;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.figures.FigureMessages;
import vn.xhht.ledger.domain.figures.FigureMessages.BaselineSetEvent;
import vn.xhht.ledger.domain.figures.FigureMessages.BaselineView;
import vn.xhht.ledger.domain.figures.FigureMessages.FetchBaselineQuery;
import vn.xhht.ledger.domain.figures.FigureMessages.FetchRecognitionBatchQuery;
import vn.xhht.ledger.domain.figures.FigureMessages.FetchRecognitionBatchesQuery;
import vn.xhht.ledger.domain.figures.FigureMessages.RecognitionBatchList;
import vn.xhht.ledger.domain.figures.FigureMessages.FetchReportedValueQuery;
import vn.xhht.ledger.domain.figures.FigureMessages.IndicatorValueReportedEvent;
import vn.xhht.ledger.domain.figures.FigureMessages.RecognitionBatchRecordedEvent;
import vn.xhht.ledger.domain.figures.FigureMessages.RecognitionBatchView;
import vn.xhht.ledger.domain.figures.FigureMessages.ReportedValueView;
import vn.xhht.ledger.query.support.RecordVersions;
import vn.xhht.ledger.query.support.BatchedView;
import vn.xhht.ledger.query.support.ViewBatch;
import vn.xhht.ledger.query.support.ViewDocuments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * The recorded facts as they stand: baselines per unit and year, recognition batches, reported values. Each document
 * is keyed by what identifies it and replaced only by a later version; its versions are kept for reads as of an
 * instant.
 */
@Component
@ProcessingGroup(FigureProjection.NAME)
public class FigureProjection extends BatchedView {

    public static final String NAME = "figures";

    /** A view's documents (in {@code name}) and their record-time versions. */
    private record View(String name, MongoCollection<Document> documents, RecordVersions history) {
        View(MongoDatabase database, String documents, String versions) {
            this(documents, database.getCollection(documents), new RecordVersions(database, versions));
        }
    }

    /** A unit's batches ({@code batches.<batchId>} = year), so that "batches of a unit" is one key lookup. */
    static final String BATCH_INDEX = "recognition_batch_index";
    private static final String BASELINES = "baseline_views";
    private static final String BATCHES = "recognition_batch_views";
    private static final String VALUES = "reported_value_views";

    /** The collections this view writes: the index, each view's documents and their versions. */
    public static List<String> collections() {
        return List.of(BATCH_INDEX, BASELINES, BATCHES, VALUES, versionsOf(BASELINES), versionsOf(BATCHES),
                       versionsOf(VALUES));
    }

    private static String versionsOf(String view) {
        return view.replace("_views", "_view_versions");
    }

    private final View baselines;
    private final View batches;
    private final MongoCollection<Document> batchIndex;
    private final View values;
    private final ViewBatch batch;

    @Autowired
    public FigureProjection(MongoDatabase readDatabase) {
        this(readDatabase, ViewBatch.Mode.SHARED);
    }

    /** With {@link ViewBatch.Mode#REPLAY}: replays into a scratch database of its own (a verified rebuild). */
    public FigureProjection(MongoDatabase readDatabase, ViewBatch.Mode mode) {
        this.baselines = new View(readDatabase, BASELINES, versionsOf(BASELINES));
        this.batches = new View(readDatabase, BATCHES, versionsOf(BATCHES));
        this.values = new View(readDatabase, VALUES, versionsOf(VALUES));
        List<View> views = List.of(baselines, batches, values);
        this.batchIndex = readDatabase.getCollection(BATCH_INDEX);
        List<String> collections = new ArrayList<>(List.of(BATCH_INDEX));
        views.forEach(view -> collections.add(view.history().collection()));
        views.forEach(view -> collections.add(view.name()));
        // each document is keyed by its aggregate's identifier (a baseline's and a reported value's are built from
        // the unit, year and indicator, as the aggregate's are)
        this.batch = new ViewBatch(readDatabase, mode, collections, views.stream().map(View::name).toList());
    }

    @EventHandler
    void on(BaselineSetEvent e, @SequenceNumber long sequence) {
        var b = e.baseline();
        store(baselines, FigureMessages.baselineId(e.unitId(), e.year()), sequence,
              new BaselineView(e.unitId(), e.year(), b.households(), b.clans(), b.villages(), b.organisations(),
                               b.citizens(), b.workingAgePeople(), sequence));
    }

    @EventHandler
    void on(RecognitionBatchRecordedEvent e, @SequenceNumber long sequence) {
        batch.apply(() -> {
            batch.set(BATCH_INDEX, e.unitId(), "batches", e.batchId(), e.year());
            store(batches, e.batchId(), sequence, new RecognitionBatchView(e.batchId(), e.unitId(), e.title(), e.year(),
                                                                           e.count(), e.decisionNumber(), e.decidedOn(),
                                                                           e.validThrough(), sequence));
        });
    }

    @EventHandler
    void on(IndicatorValueReportedEvent e, @SequenceNumber long sequence) {
        store(values, FigureMessages.reportedValueId(e.unitId(), e.indicator(), e.year()), sequence,
              new ReportedValueView(e.unitId(), e.indicator(), e.year(), e.numerator(), e.denominator(), e.source(),
                                    sequence));
    }

    @Override
    protected ViewBatch batch() {
        return batch;
    }

    @ResetHandler
    void reset() {
        batch.discard();
        Mono.from(batchIndex.drop()).block();
        for (View view : List.of(baselines, batches, values)) {
            Mono.from(view.documents().drop()).block();
            view.history().drop();
        }
    }

    /** A fact's new state replaces the one before whole: the current record is not needed to make it. */
    private void store(View view, String id, long sequence, Object record) {
        view.history().update(batch, view.name(), id, sequence, Object.class, current -> record);
    }

    @QueryHandler
    public CompletableFuture<BaselineView> handle(FetchBaselineQuery query) {
        return find(baselines, FigureMessages.baselineId(query.unitId(), query.year()), query.asOf(), BaselineView.class,
                    "No baseline of " + query.unitId() + " for " + query.year());
    }

    @QueryHandler
    public CompletableFuture<RecognitionBatchView> handle(FetchRecognitionBatchQuery query) {
        return find(batches, query.batchId(), query.asOf(), RecognitionBatchView.class,
                    "No recognition batch " + query.batchId());
    }

    @QueryHandler
    public CompletableFuture<ReportedValueView> handle(FetchReportedValueQuery query) {
        return find(values, FigureMessages.reportedValueId(query.unitId(), query.indicator(), query.year()), query.asOf(),
                    ReportedValueView.class, "No reported " + query.indicator() + " of " + query.unitId() + " for " + query.year());
    }

    @QueryHandler
    public CompletableFuture<RecognitionBatchList> handle(FetchRecognitionBatchesQuery query) {
        return Mono.from(batchIndex.find(eq("_id", query.unitId())).first())
                   .map(index -> index.get("batches", new Document()).entrySet().stream()
                           .filter(entry -> query.year() == null || query.year().equals(((Number) entry.getValue()).intValue()))
                           .map(java.util.Map.Entry::getKey).toList())
                   .filter(ids -> !ids.isEmpty())
                   .flatMapMany(ids -> batches.history().asOf(Flux.from(batches.documents().find(in("_id", ids))),
                                                              query.asOf()))
                   .map(document -> ViewDocuments.fromDocument(document, RecognitionBatchView.class))
                   .sort(java.util.Comparator.comparing(RecognitionBatchView::decidedOn)
                                             .thenComparing(RecognitionBatchView::id))
                   .collectList()
                   .map(items -> new RecognitionBatchList(query.unitId(), items))
                   .toFuture();
    }

    /** The document as it stands, or as it stood at {@code asOf} (record time). */
    private static <T> CompletableFuture<T> find(View view, String id, Instant asOf, Class<T> type, String missing) {
        return view.history().asOf(Flux.from(view.documents().find(eq("_id", id))), asOf).next()
                   .map(document -> ViewDocuments.fromDocument(document, type))
                   .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.NOT_FOUND,
                                                                       asOf == null ? missing : missing + " at " + asOf)))
                   .toFuture();
    }
}
