package vn.xhht.ledger.query.plan;

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
import vn.xhht.ledger.domain.common.Page;
import vn.xhht.ledger.domain.plan.Period;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanAmendedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanClosedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanDraftedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanIssuedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanReopenedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanReportersResolvedEvent;
import vn.xhht.ledger.domain.plan.PlanQueries.Closure;
import vn.xhht.ledger.domain.plan.PlanQueries.FetchPlanQuery;
import vn.xhht.ledger.domain.plan.PlanQueries.FetchPlansQuery;
import vn.xhht.ledger.domain.plan.PlanQueries.PlanView;
import vn.xhht.ledger.domain.plan.PlanQueries.StatusChange;
import vn.xhht.ledger.domain.plan.PlanStatus;
import vn.xhht.ledger.query.support.Cursors;
import vn.xhht.ledger.query.support.RecordVersions;
import vn.xhht.ledger.query.support.BatchedView;
import vn.xhht.ledger.query.support.ViewBatch;
import vn.xhht.ledger.query.support.ViewDocuments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * Plans as {@code GET /plans/{id}} shows them ({@code plan_views}), plus an index of plan periods per issuing
 * unit ({@code plan_index}, one document per unit) so that "plans of a unit for a year" is a key lookup.
 * The last status change (drafted, issued, closed, reopened) carries the actor, instant and reason from the
 * event's audit metadata.
 */
@Component
@ProcessingGroup(PlanProjection.NAME)
public class PlanProjection extends BatchedView {

    public static final String NAME = "plans";
    /** 2: tasks and deadlines carry their ids (and deadlines their kind, reporters and recurrence). */
    public static final int SHAPE = 2;
    private static final String VIEWS = "plan_views";
    private static final String INDEX = "plan_index";
    private static final String VERSIONS = "plan_view_versions";

    /** The collections this view writes. */
    public static List<String> collections() {
        return List.of(VIEWS, INDEX, VERSIONS);
    }

    private final MongoCollection<Document> views;
    private final MongoCollection<Document> index;
    private final RecordVersions history;
    private final ViewBatch batch;

    @Autowired
    public PlanProjection(MongoDatabase readDatabase) {
        this(readDatabase, ViewBatch.Mode.SHARED);
    }

    /** With {@link ViewBatch.Mode#REPLAY}: replays into a scratch database of its own (a verified rebuild). */
    public PlanProjection(MongoDatabase readDatabase, ViewBatch.Mode mode) {
        this.views = readDatabase.getCollection(VIEWS);
        this.index = readDatabase.getCollection(INDEX);
        this.history = new RecordVersions(readDatabase, VERSIONS);
        this.batch = new ViewBatch(readDatabase, mode, List.of(INDEX, history.collection(), VIEWS), List.of(VIEWS));
    }

    @EventHandler
    void on(PlanDraftedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        batch.apply(() -> {
            update(event.planId(), sequence, existing -> new PlanView(
                    event.planId(), event.issuerUnitId(), event.number(), event.title(), event.issuedOn(),
                    event.period(), event.basis(), PlanStatus.DRAFT, event.targets(), event.tasks(), event.deadlines(),
                    sequence, statusChange(metaData, at), List.of()));
            batch.set(INDEX, event.issuerUnitId(), "plans", event.planId(), ViewDocuments.toDocument(event.period()));
        });
    }

    @EventHandler
    void on(PlanIssuedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        update(event.planId(), sequence, plan -> withStatus(plan, PlanStatus.ISSUED, sequence, metaData, at, plan.closes()));
    }

    /** The plan's version moves on (the reporters are the obligations' to show, in the reporting view). */
    @EventHandler
    void on(PlanReportersResolvedEvent event, @SequenceNumber long sequence) {
        update(event.planId(), sequence, plan -> new PlanView(
                plan.id(), plan.issuerUnitId(), plan.number(), plan.title(), plan.issuedOn(), plan.period(),
                plan.basis(), plan.status(), plan.targets(), plan.tasks(), plan.deadlines(), sequence,
                plan.lastStatusChange(), plan.closes()));
    }

    @EventHandler
    void on(PlanAmendedEvent event, @SequenceNumber long sequence) {
        update(event.planId(), sequence, plan -> new PlanView(
                plan.id(), plan.issuerUnitId(), plan.number(), plan.title(), plan.issuedOn(), plan.period(),
                plan.basis(), plan.status(), event.targets(), event.tasks(), event.deadlines(), sequence,
                plan.lastStatusChange(), plan.closes()));
    }

    @EventHandler
    void on(PlanClosedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        update(event.planId(), sequence, plan -> {
            StatusChange change = statusChange(metaData, at);
            List<Closure> closes = new ArrayList<>(plan.closes());
            closes.add(new Closure(at, change.actor(), event.reason(), null, null, null));
            return withStatus(plan, PlanStatus.CLOSED, sequence, metaData, at, closes);
        });
    }

    @EventHandler
    void on(PlanReopenedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        update(event.planId(), sequence, plan -> {
            StatusChange change = statusChange(metaData, at);
            List<Closure> closes = new ArrayList<>(plan.closes());
            if (!closes.isEmpty()) {
                Closure last = closes.remove(closes.size() - 1);
                closes.add(new Closure(last.closedAt(), last.closedBy(), last.reason(), at, change.actor(),
                                       event.reason()));
            }
            return withStatus(plan, PlanStatus.ISSUED, sequence, metaData, at, closes);
        });
    }

    @Override
    protected ViewBatch batch() {
        return batch;
    }

    @ResetHandler
    void reset() {
        batch.discard();
        Mono.from(views.drop()).then(Mono.from(index.drop())).block();
        history.drop();
    }

    private static PlanView withStatus(PlanView plan, PlanStatus status, long sequence, MetaData metaData,
                                       Instant at, List<Closure> closes) {
        return new PlanView(plan.id(), plan.issuerUnitId(), plan.number(), plan.title(), plan.issuedOn(),
                            plan.period(), plan.basis(), status, plan.targets(), plan.tasks(), plan.deadlines(),
                            sequence, statusChange(metaData, at), closes);
    }

    private static StatusChange statusChange(MetaData metaData, Instant at) {
        Object actor = metaData.get(AuditMetaData.ACTOR);
        Object reason = metaData.get(AuditMetaData.REASON);
        return new StatusChange(actor == null ? null : actor.toString(), at,
                                reason == null ? null : reason.toString());
    }

    private void update(String planId, long sequence, UnaryOperator<PlanView> change) {
        history.update(batch, VIEWS, planId, sequence, PlanView.class, change);
    }

    // ------------------------------------------------------------------------------------------ queries

    @QueryHandler
    public CompletableFuture<PlanView> handle(FetchPlanQuery query) {
        return history.asOf(Flux.from(views.find(eq("_id", query.planId()))), query.asOf()).next()
                .map(document -> ViewDocuments.fromDocument(document, PlanView.class))
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.PLAN_NOT_FOUND, "Plan " + query.planId()
                        + (query.asOf() == null ? " does not exist" : " did not exist at " + query.asOf()))))
                .toFuture();
    }

    @QueryHandler
    @SuppressWarnings({"rawtypes", "unchecked"})
    public CompletableFuture<Page> handle(FetchPlansQuery query) {
        int offset = Cursors.offset(query.cursor());
        Flux<PlanView> candidates;
        if (query.unitId() != null) {
            candidates = Mono.from(index.find(eq("_id", query.unitId())).first())
                             // as of an instant a plan's period may have been another: its year is checked below
                             .map(document -> planIdsFor(document, query.asOf() == null ? query.year() : null))
                             .flatMapMany(ids -> ids.isEmpty() ? Flux.empty()
                                     : history.asOf(Flux.from(views.find(in("_id", ids))), query.asOf()))
                             .map(document -> ViewDocuments.fromDocument(document, PlanView.class))
                             .filter(plan -> query.year() == null || plan.period().overlapsYear(query.year()));
        } else {
            candidates = history.asOf(Flux.from(views.find()), query.asOf())
                                .map(document -> ViewDocuments.fromDocument(document, PlanView.class))
                                .filter(plan -> query.year() == null || plan.period().overlapsYear(query.year()));
        }
        return candidates
                .filter(plan -> query.on() == null || plan.period().contains(query.on()))
                .sort(Comparator.comparing((PlanView plan) -> plan.period().from()).reversed()
                                .thenComparing(PlanView::id))
                .collectList()
                .map(all -> (Page) new Page<>(all.stream().skip(offset).limit(query.limit()).toList(),
                                              Cursors.next(offset, query.limit(), all.size())))
                .toFuture();
    }

    private static List<String> planIdsFor(Document document, Integer year) {
        Document plans = document.get("plans", Document.class);
        List<String> ids = new ArrayList<>();
        if (plans != null) {
            for (Map.Entry<String, Object> entry : plans.entrySet()) {
                Period period = ViewDocuments.fromDocument((Document) entry.getValue(), Period.class);
                if (year == null || period.overlapsYear(year)) {
                    ids.add(entry.getKey());
                }
            }
        }
        return ids;
    }
}
