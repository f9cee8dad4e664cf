package vn.xhht.ledger.query.assessment;

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
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AdjustedScore;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentOpenedEvent;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentOverdueEvent;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentReturnedEvent;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentReviewedEvent;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentScoresUpdatedEvent;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentStatus;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentSubmittedEvent;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentView;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.FetchAssessmentQuery;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.FetchAssessmentsQuery;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.Score;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.ScoreView;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Page;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.IndicatorValue;
import vn.xhht.ledger.query.framework.FrameworkProjection;
import vn.xhht.ledger.query.support.Cursors;
import vn.xhht.ledger.query.support.RecordVersions;
import vn.xhht.ledger.query.support.BatchedView;
import vn.xhht.ledger.query.support.ViewBatch;
import vn.xhht.ledger.query.support.ViewDocuments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * Assessments as {@code GET /assessments/{id}} shows them ({@code assessment_records}) and an index of assessments
 * per subject unit ({@code assessment_index}) for the reviewer's lists. Indicator names (Vietnamese) come from the
 * framework version the assessment is pinned to.
 */
@Component
@ProcessingGroup(AssessmentProjection.NAME)
public class AssessmentProjection extends BatchedView {

    public static final String NAME = "assessments";
    private static final String RECORDS = "assessment_records";
    private static final String INDEX = "assessment_index";
    private static final String VERSIONS = "assessment_record_versions";

    /** The collections this view writes. */
    public static List<String> collections() {
        return List.of(RECORDS, INDEX, VERSIONS);
    }

    private final MongoCollection<Document> records;
    private final MongoCollection<Document> index;
    private final MongoCollection<Document> frameworkVersions;
    private final RecordVersions history;
    private final ViewBatch batch;

    @Autowired
    public AssessmentProjection(MongoDatabase readDatabase) {
        this(readDatabase, ViewBatch.Mode.SHARED);
    }

    /** With {@link ViewBatch.Mode#REPLAY}: replays into a scratch database of its own (a verified rebuild). */
    public AssessmentProjection(MongoDatabase readDatabase, ViewBatch.Mode mode) {
        this.history = new RecordVersions(readDatabase, VERSIONS);
        this.records = readDatabase.getCollection(RECORDS);
        this.index = readDatabase.getCollection(INDEX);
        this.frameworkVersions = readDatabase.getCollection("framework_versions");
        this.batch = new ViewBatch(readDatabase, mode, List.of(INDEX, history.collection(), RECORDS), List.of(RECORDS));
    }

    @EventHandler
    void on(AssessmentOpenedEvent e, @SequenceNumber long sequence) {
        batch.apply(() -> {
            update(e.assessmentId(), sequence, existing -> new AssessmentRecord(
                    e.assessmentId(), e.subjectUnitId(), e.framework(), e.frameworkVersion(), e.year(), e.level(),
                    AssessmentStatus.DRAFT, e.total(), e.result(), e.scores(), List.of(), e.dueAt(), false, false, null,
                    null, sequence));
            batch.set(INDEX, e.subjectUnitId(), "assessments", e.assessmentId(), e.year());
        });
    }

    @EventHandler
    void on(AssessmentScoresUpdatedEvent e, @SequenceNumber long sequence) {
        update(e.assessmentId(), sequence, r -> new AssessmentRecord(
                r.id(), r.subjectUnitId(), r.framework(), r.frameworkVersion(), r.year(), r.level(), r.status(),
                e.total(), e.result(), e.scores(), r.adjustments(), r.dueAt(), r.overdue(), r.late(), r.returnReason(),
                r.reviewedOn(), sequence));
    }

    @EventHandler
    void on(AssessmentSubmittedEvent e, @SequenceNumber long sequence) {
        update(e.assessmentId(), sequence, r -> new AssessmentRecord(
                r.id(), r.subjectUnitId(), r.framework(), r.frameworkVersion(), r.year(), r.level(),
                AssessmentStatus.SUBMITTED, r.total(), r.result(), r.scores(), r.adjustments(), r.dueAt(), r.overdue(),
                r.late() || e.late(), r.returnReason(), r.reviewedOn(), sequence));
    }

    @EventHandler
    void on(AssessmentReturnedEvent e, @SequenceNumber long sequence) {
        update(e.assessmentId(), sequence, r -> new AssessmentRecord(
                r.id(), r.subjectUnitId(), r.framework(), r.frameworkVersion(), r.year(), r.level(),
                AssessmentStatus.RETURNED, r.total(), r.result(), r.scores(), r.adjustments(), r.dueAt(), r.overdue(),
                r.late(), e.reason(), r.reviewedOn(), sequence));
    }

    @EventHandler
    void on(AssessmentReviewedEvent e, @SequenceNumber long sequence) {
        update(e.assessmentId(), sequence, r -> new AssessmentRecord(
                r.id(), r.subjectUnitId(), r.framework(), r.frameworkVersion(), r.year(), e.level() == null ? r.level() : e.level(),
                AssessmentStatus.REVIEWED, e.total(), e.result(), r.scores(), e.adjustments(), r.dueAt(), r.overdue(),
                r.late(), r.returnReason(), e.reviewedOn(), sequence));
    }

    @EventHandler
    void on(AssessmentOverdueEvent e, @SequenceNumber long sequence) {
        update(e.assessmentId(), sequence, r -> new AssessmentRecord(
                r.id(), r.subjectUnitId(), r.framework(), r.frameworkVersion(), r.year(), r.level(), r.status(),
                r.total(), r.result(), r.scores(), r.adjustments(), r.dueAt(), true, r.late(), r.returnReason(),
                r.reviewedOn(), sequence));
    }

    @Override
    protected ViewBatch batch() {
        return batch;
    }

    @ResetHandler
    void reset() {
        batch.discard();
        Mono.from(records.drop()).then(Mono.from(index.drop())).block();
        history.drop();
    }

    private void update(String id, long sequence, UnaryOperator<AssessmentRecord> change) {
        history.update(batch, RECORDS, id, sequence, AssessmentRecord.class, change);
    }

    // ------------------------------------------------------------------------------------------ queries

    @QueryHandler
    public CompletableFuture<AssessmentView> handle(FetchAssessmentQuery query) {
        return history.asOf(Flux.from(records.find(eq("_id", query.assessmentId()))), query.asOf()).next()
                .map(document -> ViewDocuments.fromDocument(document, AssessmentRecord.class))
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.ASSESSMENT_NOT_FOUND, "Assessment "
                        + query.assessmentId() + (query.asOf() == null ? " does not exist" : " did not exist at " + query.asOf()))))
                .flatMap(record -> frameworks(Set.of(FrameworkProjection.key(record.framework(), record.frameworkVersion())))
                        .map(frameworks -> view(record, frameworks)))
                .toFuture();
    }

    @QueryHandler
    @SuppressWarnings("rawtypes")
    public CompletableFuture<Page> handle(FetchAssessmentsQuery query) {
        int offset = Cursors.offset(query.cursor());
        return Flux.from(index.find(in("_id", query.subjectUnitIds())))
                   .flatMapIterable(document -> {
                       Document assessments = document.get("assessments", Document.class);
                       List<String> ids = new ArrayList<>();
                       if (assessments != null) {
                           assessments.forEach((id, year) -> {
                               if (query.year() == null || query.year().equals(year)) {
                                   ids.add(id);
                               }
                           });
                       }
                       return ids;
                   })
                   .collectList()
                   .flatMapMany(ids -> ids.isEmpty() ? Flux.empty()
                           : history.asOf(Flux.from(records.find(in("_id", ids))), query.asOf()))
                   .map(document -> ViewDocuments.fromDocument(document, AssessmentRecord.class))
                   .filter(r -> query.status() == null || r.status() == query.status())
                   .filter(r -> query.overdue() == null || r.overdue() == query.overdue())
                   .sort(Comparator.comparing(AssessmentRecord::year).reversed().thenComparing(AssessmentRecord::subjectUnitId)
                                   .thenComparing(AssessmentRecord::id))
                   .collectList()
                   .flatMap(all -> {
                       List<AssessmentRecord> page = all.stream().skip(offset).limit(query.limit()).toList();
                       Set<String> keys = page.stream().map(r -> FrameworkProjection.key(r.framework(), r.frameworkVersion()))
                                              .collect(Collectors.toSet());
                       return frameworks(keys).map(frameworks -> (Page) new Page<>(
                               page.stream().map(r -> view(r, frameworks)).toList(),
                               Cursors.next(offset, query.limit(), all.size())));
                   })
                   .toFuture();
    }

    private Mono<Map<String, CriteriaFramework>> frameworks(Set<String> keys) {
        if (keys.isEmpty()) {
            return Mono.just(Map.of());
        }
        return Flux.from(frameworkVersions.find(in("_id", new ArrayList<>(keys))))
                   .collectMap(document -> document.getString("_id"),
                               document -> ViewDocuments.fromDocument(document, CriteriaFramework.class));
    }

    private static AssessmentView view(AssessmentRecord r, Map<String, CriteriaFramework> frameworks) {
        CriteriaFramework framework = frameworks.get(FrameworkProjection.key(r.framework(), r.frameworkVersion()));
        Map<String, Score> scores = new HashMap<>();
        r.scores().forEach(score -> scores.put(score.indicator(), score));
        Map<String, AdjustedScore> adjusted = new HashMap<>();
        r.adjustments().forEach(adjustment -> adjusted.put(adjustment.indicator(), adjustment));
        List<ScoreView> views = new ArrayList<>();
        if (framework != null) {
            for (CriteriaFramework.Criterion criterion : framework.criteria()) {
                for (CriteriaFramework.Indicator indicator : criterion.indicators()) {
                    views.add(scoreView(indicator.code(), criterion.name(), indicator.name(),
                                        scores.get(indicator.code()), adjusted.get(indicator.code()),
                                        r.status() == AssessmentStatus.REVIEWED));
                }
            }
        } else {
            r.scores().forEach(score -> views.add(scoreView(score.indicator(), null, null, score,
                                                            adjusted.get(score.indicator()),
                                                            r.status() == AssessmentStatus.REVIEWED)));
        }
        return new AssessmentView(r.id(), r.subjectUnitId(), r.framework(), r.frameworkVersion(), r.year(), r.level(),
                                  r.status(), r.total(), r.result(), views, r.dueAt(), r.overdue(), r.late(),
                                  r.returnReason(), r.reviewedOn(), r.version());
    }

    private static ScoreView scoreView(String indicator, String criterion, String name, Score score,
                                       AdjustedScore adjustment, boolean reviewed) {
        IndicatorValue.Shown self = score == null ? null : score.value().shown();
        IndicatorValue.Shown reviewedValue = adjustment != null ? adjustment.reviewedValue().shown() : reviewed ? self : null;
        return new ScoreView(indicator, criterion, name, self, reviewedValue,
                             adjustment == null ? null : adjustment.reason(), score == null ? null : score.evidence());
    }
}
