package vn.xhht.ledger.query.pcgd;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.AuditMetaData;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.pcgd.PcgdMessages;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.Change;
import vn.xhht.ledger.domain.pcgd.PcgdCycle;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.FetchPcgdCycleQuery;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.FetchSurveyQuery;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.PcgdCyclePublishedEvent;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.SurveyLockedEvent;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.SurveyRecordedEvent;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.SurveyUnlockedEvent;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.SurveyView;
import vn.xhht.ledger.query.support.BatchedView;
import vn.xhht.ledger.query.support.RecordVersions;
import vn.xhht.ledger.query.support.ViewBatch;
import vn.xhht.ledger.query.support.ViewDocuments;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import static com.mongodb.client.model.Filters.eq;

/**
 * Communes' universal-education and literacy surveys as {@code GET /units/{id}/pcgd-surveys/{year}} shows them
 * ({@code pcgd_surveys}, one document per commune and data year, with its record-time versions for {@code asOf}).
 */
@Component
@ProcessingGroup(SurveyProjection.NAME)
public class SurveyProjection extends BatchedView {

    public static final String NAME = "pcgd-surveys";
    private static final String VIEWS = "pcgd_surveys";
    private static final String CYCLES = "pcgd_cycles";

    private final MongoCollection<Document> views;
    private final MongoCollection<Document> cycles;
    private final RecordVersions versions;
    private final ViewBatch batch;

    public static List<String> collections() {
        return List.of("pcgd_survey_versions", VIEWS, CYCLES);
    }

    @Autowired
    public SurveyProjection(MongoDatabase readDatabase) {
        this(readDatabase, ViewBatch.Mode.SHARED);
    }

    public SurveyProjection(MongoDatabase readDatabase, ViewBatch.Mode mode) {
        this.views = readDatabase.getCollection(VIEWS);
        this.cycles = readDatabase.getCollection(CYCLES);
        this.versions = new RecordVersions(readDatabase, "pcgd_survey_versions");
        this.batch = new ViewBatch(readDatabase, mode, collections(), List.of(VIEWS));
    }

    /** The yearly cycle as last published (one document). */
    @EventHandler
    void on(PcgdCyclePublishedEvent e) {
        batch.apply(() -> batch.replace(CYCLES, e.code(), ViewDocuments.toDocument(e.cycle()).append("_id", e.code())));
    }

    @EventHandler
    void on(SurveyRecordedEvent e, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        update(e.unitId(), e.year(), sequence, existing -> new SurveyView(
                e.unitId(), e.year(), e.figures(), e.dbkk(), e.dbkkSource(), e.conditionsMet(),
                existing != null && existing.locked(), change(metaData, at, null), sequence));
    }

    @EventHandler
    void on(SurveyLockedEvent e, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        update(e.unitId(), e.year(), sequence, s -> new SurveyView(s.unitId(), s.year(), s.figures(), s.dbkk(),
                                                                   s.dbkkSource(), s.conditionsMet(), true,
                                                                   change(metaData, at, e.reason()), sequence));
    }

    @EventHandler
    void on(SurveyUnlockedEvent e, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        update(e.unitId(), e.year(), sequence, s -> new SurveyView(s.unitId(), s.year(), s.figures(), s.dbkk(),
                                                                   s.dbkkSource(), s.conditionsMet(), false,
                                                                   change(metaData, at, e.reason()), sequence));
    }

    private void update(String unitId, int year, long sequence, UnaryOperator<SurveyView> change) {
        versions.update(batch, VIEWS, PcgdMessages.surveyId(unitId, year), sequence, SurveyView.class, change);
    }

    private static Change change(MetaData metaData, Instant at, String reason) {
        Object actor = metaData.get(AuditMetaData.ACTOR);
        return new Change(actor == null ? null : actor.toString(), at, reason);
    }

    @Override
    protected ViewBatch batch() {
        return batch;
    }

    @ResetHandler
    void reset() {
        batch.discard();
        Mono.from(views.drop()).then(Mono.from(cycles.drop())).block();
        versions.drop();
    }

    @QueryHandler
    public CompletableFuture<PcgdCycle> handle(FetchPcgdCycleQuery query) {
        return Flux.from(cycles.find()).next().map(document -> ViewDocuments.fromDocument(document, PcgdCycle.class))
                   .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.NOT_FOUND,
                                                                       "No universal-education cycle published")))
                   .toFuture();
    }

    @QueryHandler
    public CompletableFuture<SurveyView> handle(FetchSurveyQuery query) {
        return versions.asOf(Flux.from(views.find(eq("_id", PcgdMessages.surveyId(query.unitId(), query.year())))), query.asOf())
                       .next()
                       .map(document -> ViewDocuments.fromDocument(document, SurveyView.class))
                       .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.NOT_FOUND,
                               "No " + query.year() + " survey of " + query.unitId()
                                       + (query.asOf() == null ? "" : " at " + query.asOf()))))
                       .toFuture();
    }
}
