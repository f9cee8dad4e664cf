package vn.xhht.ledger.query.recognition;

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
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.FrameworkMessages;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.FetchRecognitionQuery;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.FetchValidityReviewQuery;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionValidityCorrectedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.ValidityChange;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.ValidityReview;
import vn.xhht.ledger.query.framework.FrameworkProjection;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.FetchUnitRecognitionsQuery;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionGrantedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionList;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionRevokedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionView;
import vn.xhht.ledger.query.support.RecordVersions;
import vn.xhht.ledger.query.support.BatchedView;
import vn.xhht.ledger.query.support.ViewBatch;
import vn.xhht.ledger.query.support.ViewDocuments;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * Recognitions ({@code recognition_records}), an index of them per subject unit ({@code recognition_index}) and per
 * framework they were granted under ({@code recognition_by_framework}: the validity review after a correction).
 */
@Component
@ProcessingGroup(RecognitionProjection.NAME)
public class RecognitionProjection extends BatchedView {

    public static final String NAME = "recognitions";
    /** 2: recognitions indexed by framework. */
    /** 3: recognitions granted without a framework are also indexed under their title ({@code title:<TITLE>}). */
    public static final int SHAPE = 3;
    private static final String RECORDS = "recognition_records";
    private static final String INDEX = "recognition_index";
    private static final String BY_FRAMEWORK = "recognition_by_framework";
    private static final String VERSIONS = "recognition_record_versions";

    /** The collections this view writes. */
    public static List<String> collections() {
        return List.of(RECORDS, INDEX, BY_FRAMEWORK, VERSIONS);
    }

    private final MongoCollection<Document> records;
    private final MongoCollection<Document> index;
    private final MongoCollection<Document> byFramework;
    private final MongoCollection<Document> frameworkVersions;
    private final MongoCollection<Document> frameworkIndex;
    private final RecordVersions history;
    private final ViewBatch batch;

    @Autowired
    public RecognitionProjection(MongoDatabase readDatabase) {
        this(readDatabase, ViewBatch.Mode.SHARED);
    }

    /** With {@link ViewBatch.Mode#REPLAY}: replays into a scratch database of its own (a verified rebuild). */
    public RecognitionProjection(MongoDatabase readDatabase, ViewBatch.Mode mode) {
        this.history = new RecordVersions(readDatabase, VERSIONS);
        this.records = readDatabase.getCollection(RECORDS);
        this.index = readDatabase.getCollection(INDEX);
        this.byFramework = readDatabase.getCollection(BY_FRAMEWORK);
        this.frameworkVersions = readDatabase.getCollection("framework_versions");
        this.frameworkIndex = readDatabase.getCollection("framework_index");
        this.batch = new ViewBatch(readDatabase, mode, List.of(INDEX, BY_FRAMEWORK, history.collection(), RECORDS),
                                   List.of(RECORDS));
    }

    @EventHandler
    void on(RecognitionGrantedEvent e, @SequenceNumber long sequence) {
        batch.apply(() -> {
            store(new RecognitionView(e.recognitionId(), e.title(), e.subjectUnitId(), e.year(), e.level(),
                                      e.decisionNumber(), e.decidedOn(), e.assessmentId(), e.framework(),
                                      e.frameworkVersion(), e.validThrough(), false, null, null, sequence));
            batch.set(INDEX, e.subjectUnitId(), "recognitions", e.recognitionId(), e.year());
            if (e.framework() != null) {
                batch.set(BY_FRAMEWORK, e.framework(), "recognitions", e.recognitionId(), e.frameworkVersion());
            } else {
                batch.set(BY_FRAMEWORK, untitled(e.title().name()), "recognitions", e.recognitionId(), e.decidedOn().toString());
            }
        });
    }

    @EventHandler
    void on(RecognitionRevokedEvent e, @SequenceNumber long sequence) {
        update(e.recognitionId(), sequence, r -> new RecognitionView(
                r.id(), r.title(), r.subjectUnitId(), r.year(), r.level(), r.decisionNumber(), r.decidedOn(),
                r.assessmentId(), r.framework(), r.frameworkVersion(), r.validThrough(), true, e.reason(), e.revokedOn(),
                sequence));
    }

    @EventHandler
    void on(RecognitionValidityCorrectedEvent e, @SequenceNumber long sequence) {
        update(e.recognitionId(), sequence, r -> new RecognitionView(
                r.id(), r.title(), r.subjectUnitId(), r.year(), r.level(), r.decisionNumber(), r.decidedOn(),
                r.assessmentId(), r.framework(), r.frameworkVersion(), e.validThrough(), r.revoked(), r.revokedReason(),
                r.revokedOn(), sequence));
    }

    /** Stores the recognition as {@code change} makes it, unless it already holds this event (redelivery). */
    private void update(String recognitionId, long sequence, java.util.function.UnaryOperator<RecognitionView> change) {
        batch.apply(() -> {
            Document found = batch.find(RECORDS, recognitionId);
            RecognitionView r = found == null ? null : ViewDocuments.fromDocument(found, RecognitionView.class);
            if (r != null && r.version() < sequence) {
                store(change.apply(r));
            }
        });
    }

    @Override
    protected ViewBatch batch() {
        return batch;
    }

    @ResetHandler
    void reset() {
        batch.discard();
        Mono.from(records.drop()).then(Mono.from(index.drop())).then(Mono.from(byFramework.drop())).block();
        history.drop();
    }

    private void store(RecognitionView view) {
        Document document = ViewDocuments.toDocument(view).append("_id", view.id());
        history.keep(batch, view.id(), view.version(), document);
        batch.replace(RECORDS, view.id(), document);
    }

    @QueryHandler
    public CompletableFuture<RecognitionView> handle(FetchRecognitionQuery query) {
        return history.asOf(Flux.from(records.find(eq("_id", query.recognitionId()))), query.asOf()).next()
                .map(document -> ViewDocuments.fromDocument(document, RecognitionView.class))
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.RECOGNITION_NOT_FOUND, "Recognition "
                        + query.recognitionId() + (query.asOf() == null ? " does not exist" : " did not exist at " + query.asOf()))))
                .toFuture();
    }

    @QueryHandler
    public CompletableFuture<RecognitionList> handle(FetchUnitRecognitionsQuery query) {
        return Mono.from(index.find(eq("_id", query.unitId())).first())
                   .map(document -> idsIn(document, year -> query.year() == null || query.year().equals(year)))
                   .defaultIfEmpty(List.of())
                   .flatMapMany(ids -> ids.isEmpty() ? Flux.empty()
                           : history.asOf(Flux.from(records.find(in("_id", ids))), query.asOf()))
                   .map(document -> ViewDocuments.fromDocument(document, RecognitionView.class))
                   .filter(recognition -> query.on() == null || recognition.validOn(query.on()))
                   .sort(Comparator.comparing(RecognitionView::decidedOn).reversed().thenComparing(RecognitionView::id))
                   .collectList()
                   .map(items -> new RecognitionList(query.unitId(), items))
                   .toFuture();
    }

    /** The index key of the recognitions of a title granted without a framework (before titles had theirs). */
    private static String untitled(String title) {
        return "title:" + title;
    }

    /**
     * The recognitions granted under an earlier version of a framework — or of its title without any framework,
     * decided while the framework was in force (granted before a title's framework ruled its validity) — not
     * revoked, whose last valid day differs from what the latest version's {@code validityYears} gives: 31 December
     * of the recognition year plus those years.
     */
    @QueryHandler
    public CompletableFuture<ValidityReview> handle(FetchValidityReviewQuery query) {
        Mono<CriteriaFramework> latest = Mono.from(frameworkIndex.find(eq("_id", query.framework())).first())
                .map(document -> ViewDocuments.fromDocument(document, FrameworkMessages.FrameworkSummary.class))
                .flatMap(summary -> Mono.from(frameworkVersions.find(eq("_id", FrameworkProjection.key(
                        summary.code(), summary.latestVersion()))).first()))
                .map(document -> ViewDocuments.fromDocument(document, CriteriaFramework.class))
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.UNKNOWN_FRAMEWORK, "framework",
                                                                     "No framework " + query.framework())));
        return latest.flatMap(framework -> {
            int years = framework.validityYears() == null ? 0 : framework.validityYears();
            Mono<List<String>> earlierVersions = Mono.from(byFramework.find(eq("_id", query.framework())).first())
                       .map(document -> idsIn(document, version -> version instanceof Number n
                                                                   && n.intValue() < framework.version()))
                       .defaultIfEmpty(List.of());
            Mono<List<String>> withoutFramework = framework.subjectTitle() == null ? Mono.just(List.<String>of())
                    : Mono.from(byFramework.find(eq("_id", untitled(framework.subjectTitle()))).first())
                          .map(document -> idsIn(document, decided -> decided instanceof String day
                                  && inForce(framework, LocalDate.parse(day))))
                          .defaultIfEmpty(List.of());
            return Mono.zip(earlierVersions, withoutFramework)
                       .map(both -> java.util.stream.Stream.concat(both.getT1().stream(), both.getT2().stream()).toList())
                       .flatMapMany(ids -> ids.isEmpty() ? Flux.empty() : Flux.from(records.find(in("_id", ids))))
                       .map(document -> ViewDocuments.fromDocument(document, RecognitionView.class))
                       .filter(r -> !r.revoked() && !LocalDate.of(r.year() + years, 12, 31).equals(r.validThrough()))
                       .map(r -> new ValidityChange(r.id(), r.subjectUnitId(), r.title(), r.level(), r.year(), r.decidedOn(),
                                                    r.frameworkVersion(), r.validThrough(), LocalDate.of(r.year() + years, 12, 31)))
                       .sort(Comparator.comparing(ValidityChange::decidedOn).thenComparing(ValidityChange::recognitionId))
                       .collectList()
                       .map(items -> new ValidityReview(query.framework(), framework.version(), years, items));
        }).toFuture();
    }

    private static boolean inForce(CriteriaFramework framework, LocalDate day) {
        return (framework.effectiveFrom() == null || !day.isBefore(framework.effectiveFrom()))
                && (framework.effectiveTo() == null || !day.isAfter(framework.effectiveTo()));
    }

    /** The recognitions an index document lists (id → year or framework version) whose value {@code wanted} accepts. */
    private static List<String> idsIn(Document index, java.util.function.Predicate<Object> wanted) {
        List<String> ids = new ArrayList<>();
        Document recognitions = index.get("recognitions", Document.class);
        if (recognitions != null) {
            recognitions.forEach((id, value) -> {
                if (wanted.test(value)) {
                    ids.add(id);
                }
            });
        }
        return ids;
    }
}
