package vn.xhht.ledger.query.emulation;

import com.mongodb.client.model.Filters;
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
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.AuditMetaData;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Page;
import vn.xhht.ledger.domain.emulation.AwardCriteria;
import vn.xhht.ledger.domain.emulation.EmulationMessages.AwardCriteriaPublishedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.AwardRevokedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.Decision;
import vn.xhht.ledger.domain.emulation.EmulationMessages.FetchMovementsQuery;
import vn.xhht.ledger.domain.emulation.EmulationMessages.FetchNominationQuery;
import vn.xhht.ledger.domain.emulation.EmulationMessages.ListNominationsQuery;
import vn.xhht.ledger.domain.emulation.EmulationMessages.MovementList;
import vn.xhht.ledger.domain.emulation.EmulationMessages.MovementPublishedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationDecidedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationDraftedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationRecord;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationReturnedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationReviewedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationState;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationSubmittedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.PersonForgottenEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.Step;
import vn.xhht.ledger.domain.emulation.Movement;
import vn.xhht.ledger.query.support.BatchedView;
import vn.xhht.ledger.query.support.Cursors;
import vn.xhht.ledger.query.support.RecordVersions;
import vn.xhht.ledger.query.support.ViewBatch;
import vn.xhht.ledger.query.support.ViewDocuments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import static com.mongodb.client.model.Filters.eq;

/**
 * Emulation movements with their criteria ({@code emulation_movements}, {@code emulation_criteria}: the latest version
 * of each) and award nominations as {@code GET /award-nominations/{id}} shows them ({@code award_nominations}, one
 * document per nomination with every step and its actor, and record-time versions for {@code asOf}). The person stays
 * sealed here; the web layer opens it for those allowed to read it.
 */
@Component
@ProcessingGroup(NominationProjection.NAME)
public class NominationProjection extends BatchedView {

    public static final String NAME = "award-nominations";
    private static final String NOMINATIONS = "award_nominations";
    private static final String MOVEMENTS = "emulation_movements";
    private static final String CRITERIA = "emulation_criteria";

    private final MongoCollection<Document> nominations;
    private final MongoCollection<Document> movements;
    private final MongoCollection<Document> criteria;
    private final RecordVersions versions;
    private final ViewBatch batch;

    public static List<String> collections() {
        return List.of("award_nomination_versions", NOMINATIONS, MOVEMENTS, CRITERIA);
    }

    @Autowired
    public NominationProjection(MongoDatabase readDatabase) {
        this(readDatabase, ViewBatch.Mode.SHARED);
    }

    public NominationProjection(MongoDatabase readDatabase, ViewBatch.Mode mode) {
        this.nominations = readDatabase.getCollection(NOMINATIONS);
        this.movements = readDatabase.getCollection(MOVEMENTS);
        this.criteria = readDatabase.getCollection(CRITERIA);
        this.versions = new RecordVersions(readDatabase, "award_nomination_versions");
        this.batch = new ViewBatch(readDatabase, mode, collections(), List.of(NOMINATIONS));
    }

    // ------------------------------------------------------------------ rules

    @EventHandler
    void on(MovementPublishedEvent e) {
        batch.apply(() -> batch.replace(MOVEMENTS, e.code(), ViewDocuments.toDocument(e.movement()).append("_id", e.code())));
    }

    @EventHandler
    void on(AwardCriteriaPublishedEvent e) {
        batch.apply(() -> batch.replace(CRITERIA, e.code(), ViewDocuments.toDocument(e.criteria()).append("_id", e.code())));
    }

    // ------------------------------------------------------------------ nominations

    @EventHandler
    void on(NominationDraftedEvent e, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        update(e.nominationId(), sequence, n -> new NominationRecord(
                e.nominationId(), e.movement(), e.phase(), e.occasion(), e.year(), e.form(), e.subjectKind(),
                e.subjectUnitId(), e.person(), false, e.achievements(), e.proposedByUnitId(), null, false,
                NominationState.DRAFT, null, null, List.of(), null, null, null, null,
                List.of(step("DRAFTED", metaData, at, null)), units(e.subjectUnitId(), e.proposedByUnitId(), null), sequence));
    }

    @EventHandler
    void on(NominationSubmittedEvent e, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        update(e.nominationId(), sequence, n -> new NominationRecord(
                n.id(), n.movement(), n.phase(), n.occasion(), n.year(), n.form(), n.subjectKind(), n.subjectUnitId(),
                n.person(), n.forgotten(), e.achievements() == null ? n.achievements() : e.achievements(),
                n.proposedByUnitId(), e.decidingUnitId(), e.proposedUp(), NominationState.SUBMITTED, e.criteria(),
                e.criteriaVersion(), e.checks(), null, null, null, null, steps(n, step("SUBMITTED", metaData, at, null)),
                units(n.subjectUnitId(), n.proposedByUnitId(), e.decidingUnitId()), sequence));
    }

    @EventHandler
    void on(NominationReturnedEvent e, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        update(e.nominationId(), sequence, n -> with(n, NominationState.RETURNED, n.recommendation(),
                                                     steps(n, step("RETURNED", metaData, at, e.reason())), sequence));
    }

    @EventHandler
    void on(NominationReviewedEvent e, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        update(e.nominationId(), sequence, n -> with(n, e.state(), e.recommendation(),
                                                     steps(n, step("COUNCIL_" + e.recommendation(), metaData, at, e.reason())),
                                                     sequence));
    }

    @EventHandler
    void on(NominationDecidedEvent e, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        update(e.nominationId(), sequence, n -> new NominationRecord(
                n.id(), n.movement(), n.phase(), n.occasion(), n.year(), n.form(), n.subjectKind(), n.subjectUnitId(),
                n.person(), n.forgotten(), n.achievements(), n.proposedByUnitId(), n.decidingUnitId(), n.proposedUp(),
                e.decision() == Decision.AWARDED ? NominationState.DECIDED : NominationState.REJECTED, n.criteria(),
                n.criteriaVersion(), n.checks(), n.recommendation(), e.decision(), e.decisionNumber(), e.decidedOn(),
                steps(n, step("DECIDED_" + e.decision(), metaData, at, e.reason())), n.units(), sequence));
    }

    @EventHandler
    void on(AwardRevokedEvent e, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        update(e.nominationId(), sequence, n -> with(n, NominationState.REVOKED, n.recommendation(),
                                                     steps(n, step("REVOKED", metaData, at, e.reason())), sequence));
    }

    /** The sealed texts are dropped from the view as well: without the key they are noise. */
    @EventHandler
    void on(PersonForgottenEvent e, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
        update(e.nominationId(), sequence, n -> new NominationRecord(
                n.id(), n.movement(), n.phase(), n.occasion(), n.year(), n.form(), n.subjectKind(), n.subjectUnitId(),
                null, true, n.achievements(), n.proposedByUnitId(), n.decidingUnitId(), n.proposedUp(), n.state(),
                n.criteria(), n.criteriaVersion(), n.checks(), n.recommendation(), n.decision(), n.decisionNumber(),
                n.decidedOn(), steps(n, step("PERSON_FORGOTTEN", metaData, at, e.reason())), n.units(), sequence));
    }

    private static NominationRecord with(NominationRecord n, NominationState state,
                                         vn.xhht.ledger.domain.emulation.EmulationMessages.Recommendation recommendation,
                                         List<Step> steps, long sequence) {
        return new NominationRecord(n.id(), n.movement(), n.phase(), n.occasion(), n.year(), n.form(), n.subjectKind(),
                                    n.subjectUnitId(), n.person(), n.forgotten(), n.achievements(), n.proposedByUnitId(),
                                    n.decidingUnitId(), n.proposedUp(), state, n.criteria(), n.criteriaVersion(),
                                    n.checks(), recommendation, n.decision(), n.decisionNumber(), n.decidedOn(), steps,
                                    n.units(), sequence);
    }

    private static List<Step> steps(NominationRecord n, Step step) {
        List<Step> steps = new ArrayList<>(n.steps());
        steps.add(step);
        return steps;
    }

    private static Step step(String action, MetaData metaData, Instant at, String reason) {
        Object actor = metaData.get(AuditMetaData.ACTOR);
        return new Step(action, actor == null ? null : actor.toString(), at, reason);
    }

    private static List<String> units(String... ids) {
        LinkedHashSet<String> units = new LinkedHashSet<>();
        for (String id : ids) {
            if (id != null) {
                units.add(id);
            }
        }
        return List.copyOf(units);
    }

    private void update(String nominationId, long sequence, UnaryOperator<NominationRecord> change) {
        versions.update(batch, NOMINATIONS, nominationId, sequence, NominationRecord.class, change);
    }

    @Override
    protected ViewBatch batch() {
        return batch;
    }

    @ResetHandler
    void reset() {
        batch.discard();
        Mono.from(nominations.drop()).then(Mono.from(movements.drop())).then(Mono.from(criteria.drop())).block();
        versions.drop();
    }

    // ------------------------------------------------------------------ reads

    @QueryHandler
    public CompletableFuture<MovementList> handle(FetchMovementsQuery query) {
        return Mono.zip(Flux.from(movements.find()).map(d -> ViewDocuments.fromDocument(d, Movement.class)).collectList(),
                        Flux.from(criteria.find()).map(d -> ViewDocuments.fromDocument(d, AwardCriteria.class)).collectList())
                   .map(found -> new MovementList(found.getT1().stream().sorted(Comparator.comparing(Movement::code)).toList(),
                                                  found.getT2().stream().sorted(Comparator.comparing(AwardCriteria::code)).toList()))
                   .toFuture();
    }

    @QueryHandler
    public CompletableFuture<NominationRecord> handle(FetchNominationQuery query) {
        return versions.asOf(Flux.from(nominations.find(eq("_id", query.nominationId()))), query.asOf()).next()
                       .map(document -> ViewDocuments.fromDocument(document, NominationRecord.class))
                       .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.NOMINATION_NOT_FOUND,
                               "Nomination " + query.nominationId() + " does not exist"
                                       + (query.asOf() == null ? "" : " at " + query.asOf()))))
                       .toFuture();
    }

    /** Nominations concerning a unit (as subject, proposer or decider), oldest first. */
    @QueryHandler
    @SuppressWarnings({"rawtypes", "unchecked"})
    public CompletableFuture<Page> handle(ListNominationsQuery query) {
        List<Bson> filters = new ArrayList<>();
        if (query.unitId() != null) {
            filters.add(eq("units", query.unitId()));
        }
        if (query.movement() != null) {
            filters.add(eq("movement", query.movement()));
        }
        if (query.phase() != null) {
            filters.add(eq("phase", query.phase()));
        }
        if (query.awardedOnly()) {
            filters.add(eq("state", NominationState.DECIDED.name()));
        } else if (query.state() != null) {
            filters.add(eq("state", query.state().name()));
        }
        int offset = Cursors.offset(query.cursor());
        return Flux.from(nominations.find(filters.isEmpty() ? new Document() : Filters.and(filters)))
                   .map(document -> ViewDocuments.fromDocument(document, NominationRecord.class))
                   .filter(n -> !query.awardedOnly() || query.unitId() == null || query.unitId().equals(n.subjectUnitId()))
                   .sort(Comparator.comparing((NominationRecord n) -> n.steps().get(0).at()).thenComparing(NominationRecord::id))
                   .collectList()
                   .map(all -> (Page) new Page<>(all.stream().skip(offset).limit(query.limit()).toList(),
                                                 Cursors.next(offset, query.limit(), all.size())))
                   .toFuture();
    }
}
