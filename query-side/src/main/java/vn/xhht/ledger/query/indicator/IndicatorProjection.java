package vn.xhht.ledger.query.indicator;

import vn.xhht.ledger.query.support.RecordTime;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import vn.xhht.ledger.domain.figures.FigureMessages.Baseline;
import vn.xhht.ledger.domain.figures.FigureMessages.BaselineSetEvent;
import vn.xhht.ledger.domain.figures.FigureMessages.IndicatorValueReportedEvent;
import vn.xhht.ledger.domain.figures.FigureMessages.RecognitionBatchRecordedEvent;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.IndicatorCataloguePublishedEvent;
import vn.xhht.ledger.domain.plan.PlanContent.Target;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanAmendedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanDraftedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanIssuedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionGrantedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionRevokedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionValidityCorrectedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitDissolvedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitMergedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitMovedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitRegisteredEvent;
import vn.xhht.ledger.domain.unit.UnitKind;
import vn.xhht.ledger.query.support.Replayable;
import vn.xhht.ledger.query.support.ViewBatch;
import vn.xhht.ledger.query.support.ViewDocuments;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static vn.xhht.ledger.domain.indicator.IndicatorCatalogue.baselineKey;
import static vn.xhht.ledger.domain.indicator.IndicatorCatalogue.reportedDenominatorKey;
import static vn.xhht.ledger.domain.indicator.IndicatorCatalogue.reportedNumeratorKey;
import static vn.xhht.ledger.domain.indicator.IndicatorCatalogue.titleKey;
import static vn.xhht.ledger.domain.indicator.IndicatorCatalogue.unitCountKey;

/**
 * The live indicator view (DOMAIN.md §5, §8). For every unit and year it keeps, per quantity, the unit's own figure
 * and the sum of its children's as the hierarchy stood at the year's end; a fact changes its unit's figure and the
 * change is carried up the lineage — so every unit's roll-up is Σ numerators / Σ denominators over its subtree,
 * kept current event by event, with no nightly job. A move or merge carries the unit's whole figures from the old
 * parent's roll-up to the new one, for the years whose end it changes.
 *
 * <p>Every change of a figure is kept as a version stamped with its record time, so the view can be read as it was
 * at any instant (a close's frozen figures are the view as of the close). Targets come from plans, kept per issuing
 * unit and year with their history; the nearest plan is found when reading.
 */
@Component
@ProcessingGroup(IndicatorProjection.NAME)
public class IndicatorProjection implements Replayable {

    public static final String NAME = "indicators";
    /**
     * The shape of this view's documents: raised whenever it changes, so that a view built by earlier code is
     * rebuilt from the log at the next start (2: versions kept as changes, in pages; 3: titles held by level; 4: pages
     * and the journal's writes {@link vn.xhht.ledger.query.support.Packed}; 5: quantities packed, the journal's writes
     * joined by collection).
     */
    public static final int SHAPE = 5;
    static final String RECOGNITIONS = "indicator_recognitions";
    static final String PLANS = "indicator_plans";
    static final String TARGETS = "indicator_targets";
    static final String CATALOGUE = "indicator_catalogue";

    /** The collections this view writes (besides the journal of its batches, {@code indicator_journal}). */
    public static List<String> collections() {
        return List.of(FigureBook.FIGURES, FigureBook.VERSIONS, FigureBook.UNITS, RECOGNITIONS, PLANS, TARGETS, CATALOGUE);
    }

    /**
     * The kinds of unit counted per year (a subtree's communes, districts, provinces): the levels that earn
     * learning-community titles. Villages and organisations are counted by their baselines (DOMAIN.md §8).
     */
    static final Set<UnitKind> COUNTED = EnumSet.of(UnitKind.COMMUNE, UnitKind.DISTRICT,
                                                                         UnitKind.PROVINCE);

    private final MongoDatabase database;
    private final FigureBook book;
    private final int firstYear;
    private final int lastYear;
    private final IndicatorTableCache answered;

    @Autowired
    public IndicatorProjection(MongoDatabase readDatabase, IndicatorTableCache answered,
                               @Value("${xhht.indicators.first-year:2021}") int firstYear,
                               @Value("${xhht.indicators.last-year:2030}") int lastYear) {
        this(readDatabase, answered, firstYear, lastYear, ViewBatch.Mode.SHARED);
    }

    /** With {@link ViewBatch.Mode#REPLAY}: replays into a scratch database of its own (a verified rebuild). */
    public IndicatorProjection(MongoDatabase readDatabase, IndicatorTableCache answered, int firstYear, int lastYear,
                               ViewBatch.Mode mode) {
        this(readDatabase, answered, firstYear, lastYear, mode, FigureBook.MAX_CACHED);
    }

    /** ... holding at most {@code figuresInMemory} figures between batches (a replay writes out the least used). */
    public IndicatorProjection(MongoDatabase readDatabase, IndicatorTableCache answered, int firstYear, int lastYear,
                               ViewBatch.Mode mode, int figuresInMemory) {
        this.database = readDatabase;
        this.book = new FigureBook(readDatabase, mode, figuresInMemory);
        this.firstYear = firstYear;
        this.lastYear = lastYear;
        this.answered = answered;
    }

    // ------------------------------------------------------------------ hierarchy

    @EventHandler
    void on(UnitRegisteredEvent e, @Timestamp Instant at) {
        apply(at, () -> {
            UnitLine unit = new UnitLine(e.unitId(), e.kind().name(), e.validFrom());
            unit.addLine(e.validFrom(), e.parentId(), at);
            book.saveUnit(unit);
            if (COUNTED.contains(e.kind())) {
                for (int year = Math.max(firstYear, e.validFrom().getYear()); year <= lastYear; year++) {
                    book.addOwn(e.unitId(), year, unitCountKey(e.kind()), 1);
                }
            }
        });
    }

    @EventHandler
    void on(UnitMovedEvent e, @Timestamp Instant at) {
        apply(at, () -> reparent(e.unitId(), e.parentId(), e.validFrom(), at));
    }

    /** The merged unit's subtree rolls up through the unit it merged into; it no longer counts as a unit itself. */
    @EventHandler
    void on(UnitMergedEvent e, @Timestamp Instant at) {
        apply(at, () -> ended(reparent(e.unitId(), e.intoId(), e.validFrom(), at), e.validFrom()));
    }

    /** A dissolved unit (nothing under it by then) no longer counts as a unit from that day. */
    @EventHandler
    void on(UnitDissolvedEvent e, @Timestamp Instant at) {
        apply(at, () -> ended(book.unit(e.unitId()), e.validFrom()));
    }

    private void ended(UnitLine unit, LocalDate from) {
        if (unit == null) {
            return;
        }
        unit.mergedFrom = from;
        book.saveUnit(unit);
        String key = unitCountKey(UnitKind.valueOf(unit.kind));
        for (int year = Math.max(firstYear, from.getYear()); year <= lastYear; year++) {
            Long own = book.figure(unit.unitId, year).quantity(key).own;
            if (own != null && own > 0 && !unit.standsOn(UnitLine.yearEnd(year))) {
                book.addOwn(unit.unitId, year, key, -own);
            }
        }
    }

    private UnitLine reparent(String unitId, String parentId, LocalDate validFrom, Instant at) {
        UnitLine unit = book.unit(unitId);
        if (unit == null) {
            return null;
        }
        Map<Integer, String> before = new HashMap<>();
        unit.years.forEach(year -> before.put(year, unit.parentOn(UnitLine.yearEnd(year), null)));
        unit.addLine(validFrom, parentId, at);
        unit.lines.sort(Comparator.comparing(UnitLine.Line::from));
        book.saveUnit(unit);
        for (int year : List.copyOf(unit.years)) {
            String after = unit.parentOn(UnitLine.yearEnd(year), null);
            if (!Objects.equals(before.get(year), after)) {
                book.moveFigures(unitId, year, before.get(year), after);
            }
        }
        return unit;
    }

    // ------------------------------------------------------------------ facts

    /** Batch counts are valid from the decision's year through their validity (DOMAIN.md §8). */
    @EventHandler
    void on(RecognitionBatchRecordedEvent e, @Timestamp Instant at) {
        apply(at, () -> {
            for (int year = e.decidedOn().getYear(); year <= e.validThrough().getYear(); year++) {
                book.addOwn(e.unitId(), year, titleKey(e.title()), e.count());
            }
        });
    }

    /**
     * A unit holding a title counts once per year it is valid in, however many recognitions it holds; a
     * universal-education title also counts at its level and every level below it.
     */
    @EventHandler
    void on(RecognitionGrantedEvent e, @Timestamp Instant at) {
        apply(at, () -> {
            int from = e.decidedOn().getYear();
            int through = e.validThrough().getYear();
            UnitLine subject = book.unit(e.subjectUnitId());
            List<String> held = held(e.title(), e.level(), subject == null ? null : UnitKind.valueOf(subject.kind));
            book.save(RECOGNITIONS, new Document("_id", e.recognitionId()).append("subject", e.subjectUnitId())
                                                                          .append("title", e.title().name())
                                                                          .append("held", held)
                                                                          .append("from", from).append("through", through)
                                                                          .append("revoked", false));
            for (int year = from; year <= through; year++) {
                for (String title : held) {
                    hold(e.subjectUnitId(), year, title, 1);
                }
            }
        });
    }

    /**
     * What a recognition makes its subject hold: the title, and for a universal-education level each level it reaches,
     * named with the subject's kind (a district's own XMC level is not one of its communes').
     */
    private static List<String> held(Title title, String level, UnitKind kind) {
        List<String> held = new ArrayList<>(List.of(title.name()));
        if (title.universalEducation() && level != null && kind != null) {
            IndicatorCatalogue.levelsReachedBy(level)
                              .forEach(l -> held.add(IndicatorCatalogue.levelHeld(title.name(), l, kind)));
        }
        return held;
    }

    private static List<String> held(Document grant) {
        return grant.getList("held", String.class, List.of(grant.getString("title")));
    }

    /** A revoked title stops counting for every period ending on or after the revocation. */
    @EventHandler
    void on(RecognitionRevokedEvent e, @Timestamp Instant at) {
        apply(at, () -> {
            Document grant = book.document(RECOGNITIONS, e.recognitionId());
            if (grant == null || grant.getBoolean("revoked", false)) {
                return;
            }
            book.save(RECOGNITIONS, new Document(grant).append("revoked", true));
            for (int year = grant.getInteger("from"); year <= grant.getInteger("through"); year++) {
                if (!e.revokedOn().isAfter(UnitLine.yearEnd(year))) {
                    for (String title : held(grant)) {
                        hold(e.subjectUnitId(), year, title, -1);
                    }
                }
            }
        });
    }

    /** A corrected validity: the title counts in the years it gains, and no longer in the years it loses. */
    @EventHandler
    void on(RecognitionValidityCorrectedEvent e, @Timestamp Instant at) {
        apply(at, () -> {
            Document grant = book.document(RECOGNITIONS, e.recognitionId());
            int through = e.validThrough().getYear();
            if (grant == null || grant.getBoolean("revoked", false) || grant.getInteger("through") == through) {
                return;
            }
            int before = grant.getInteger("through");
            book.save(RECOGNITIONS, new Document(grant).append("through", through));
            for (int year = Math.min(before, through) + 1; year <= Math.max(before, through); year++) {
                if (year >= grant.getInteger("from")) {
                    for (String title : held(grant)) {
                        hold(e.subjectUnitId(), year, title, through > before ? 1 : -1);
                    }
                }
            }
        });
    }

    private void hold(String unitId, int year, String title, int delta) {
        Figure figure = book.figure(unitId, year);
        int before = figure.held.getOrDefault(title, 0);
        int after = Math.max(0, before + delta);
        if (after == 0) {
            figure.held.remove(title);
        } else {
            figure.held.put(title, after);
        }
        book.keep(figure);
        if ((before > 0) != (after > 0)) {
            book.addOwn(unitId, year, "T_" + title, after > 0 ? 1 : -1);
        }
    }

    @EventHandler
    void on(BaselineSetEvent e, @Timestamp Instant at) {
        apply(at, () -> {
            Baseline b = e.baseline();
            Map<String, Long> values = new HashMap<>();
            values.put("households", b.households());
            values.put("clans", b.clans());
            values.put("villages", b.villages());
            values.put("organisations", b.organisations());
            values.put("citizens", b.citizens());
            values.put("workingAgePeople", b.workingAgePeople());
            for (String name : IndicatorCatalogue.BASELINES) {
                book.setOwn(e.unitId(), e.year(), baselineKey(name), values.get(name));
            }
        });
    }

    @EventHandler
    void on(IndicatorValueReportedEvent e, @Timestamp Instant at) {
        apply(at, () -> {
            book.setOwn(e.unitId(), e.year(), reportedNumeratorKey(e.indicator()), e.numerator());
            book.setOwn(e.unitId(), e.year(), reportedDenominatorKey(e.indicator()), e.denominator());
        });
    }

    // ------------------------------------------------------------------ targets and the catalogue

    @EventHandler
    void on(PlanDraftedEvent e, @Timestamp Instant at) {
        apply(at, () -> book.save(PLANS, new Document("_id", e.planId()).append("issuer", e.issuerUnitId())
                                                                               .append("from", e.period().from().toString())
                                                                               .append("to", e.period().to().toString())
                                                                               .append("issuedOn", String.valueOf(e.issuedOn()))
                                                                               .append("issued", false)
                                                                               .append("targets", targets(e.targets()))));
    }

    @EventHandler
    void on(PlanIssuedEvent e, @Timestamp Instant at) {
        apply(at, () -> {
            Document plan = book.document(PLANS, e.planId());
            if (plan != null) {
                plan = new Document(plan).append("issued", true);
                book.save(PLANS, plan);
                publishTargets(plan, at);
            }
        });
    }

    @EventHandler
    void on(PlanAmendedEvent e, @Timestamp Instant at) {
        apply(at, () -> {
            Document plan = book.document(PLANS, e.planId());
            if (plan != null) {
                plan = new Document(plan).append("targets", targets(e.targets()));
                book.save(PLANS, plan);
                if (plan.getBoolean("issued", false)) {
                    publishTargets(plan, at);
                }
            }
        });
    }

    /** Targets of the plans issued by a unit, per year of their periods, with the history of every change. */
    private void publishTargets(Document plan, Instant at) {
        LocalDate from = LocalDate.parse(plan.getString("from"));
        LocalDate to = LocalDate.parse(plan.getString("to"));
        Document entry = new Document("planId", plan.getString("_id")).append("from", plan.getString("from"))
                                                                     .append("to", plan.getString("to"))
                                                                     .append("issuedOn", plan.getString("issuedOn"))
                                                                     .append("targets", plan.get("targets"));
        for (int year = from.getYear(); year <= to.getYear(); year++) {
            String id = Figure.id(plan.getString("issuer"), year);
            Document existing = book.document(TARGETS, id);
            List<Document> history = existing == null ? new ArrayList<>()
                                                      : new ArrayList<>(existing.getList("history", Document.class));
            List<Document> plans = new ArrayList<>();
            if (!history.isEmpty()) {
                history.get(history.size() - 1).getList("plans", Document.class).stream()
                       .filter(p -> !p.getString("planId").equals(entry.getString("planId"))).forEach(plans::add);
            }
            plans.add(entry);
            history.add(RecordTime.put(new Document(), "at", at).append("plans", plans));
            book.save(TARGETS, new Document("_id", id).append("history", history));
        }
    }

    private static Document targets(List<Target> targets) {
        Document document = new Document();
        if (targets != null) {
            targets.stream().filter(t -> t.scope() == null || t.scope().isBlank())
                   .forEach(t -> document.append(t.indicator(), t.target().toPlainString()));
        }
        return document;
    }

    @EventHandler
    void on(IndicatorCataloguePublishedEvent e, @Timestamp Instant at) {
        apply(at, () -> {
            Document current = book.document(CATALOGUE, "current");
            if (current == null || current.getInteger("version", 0) <= e.version()) {
                book.save(CATALOGUE, new Document("_id", "current").append("version", e.version())
                                                                   .append("catalogue", ViewDocuments.toDocument(e.catalogue())));
            }
        });
    }

    /**
     * Every other event of the log: it changes nothing here, but it may be the first or the last of a batch, where the
     * batch's working state is prepared and written. Without it a batch starting or ending with an event of another
     * kind skipped both — a restarted run re-applied events the view already held (found by {@code CrashIT}: communes
     * counted twice) and a batch's writes could wait in memory past the point where Axon stored its token.
     */
    @EventHandler
    void on(Object anyOtherEvent, @Timestamp Instant at) {
        apply(at, () -> {
        });
    }

    // ------------------------------------------------------------------ batch handling

    /**
     * Runs one event's changes against the batch's working state; the last event of the batch writes it all.
     * Events an interrupted run already wrote are skipped.
     */
    private void apply(Instant at, Runnable change) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get() : null;
        if (unitOfWork == null || isFirst(unitOfWork)) {
            book.beginBatch();
            if (unitOfWork != null) {
                unitOfWork.onRollback(u -> book.discard());
            }
            if (unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.getMessages().size() > 1) {
                Set<String> named = new LinkedHashSet<>();
                batch.getMessages().forEach(message -> named.addAll(unitsNamed(message.getPayload())));
                book.readAhead(named, firstYear, lastYear);
            }
        }
        String event = unitOfWork == null ? null : unitOfWork.getMessage().getIdentifier();
        if (event == null || !book.alreadyApplied(event)) {
            book.begin(event, at);
            change.run();
            book.end();
        }
        if (unitOfWork == null || isLast(unitOfWork)) {
            // a batch's documents land while the next batch is worked; the tables answered before are dropped then
            book.flush(unitOfWork != null).whenComplete((landed, failed) -> answered.invalidateAll());
        }
    }

    /** The units whose figures an event of this view changes (read ahead with the batch). */
    private static List<String> unitsNamed(Object payload) {
        if (payload instanceof RecognitionBatchRecordedEvent e) {
            return List.of(e.unitId());
        } else if (payload instanceof BaselineSetEvent e) {
            return List.of(e.unitId());
        } else if (payload instanceof IndicatorValueReportedEvent e) {
            return List.of(e.unitId());
        } else if (payload instanceof RecognitionGrantedEvent e) {
            return List.of(e.subjectUnitId());
        } else if (payload instanceof RecognitionRevokedEvent e) {
            return List.of(e.subjectUnitId());
        } else if (payload instanceof RecognitionValidityCorrectedEvent e) {
            return List.of(e.subjectUnitId());
        } else if (payload instanceof UnitRegisteredEvent e) {
            return e.parentId() == null ? List.of(e.unitId()) : List.of(e.unitId(), e.parentId());
        }
        return List.of();
    }

    private static boolean isFirst(UnitOfWork<?> unitOfWork) {
        return !(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isFirstMessage();
    }

    private static boolean isLast(UnitOfWork<?> unitOfWork) {
        return !(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage();
    }

    /**
     * Waits until the last batch's documents have landed: they land while the next batch is worked. On the
     * processor's thread, or while it is stopped.
     */
    public void settle() {
        book.settle();
    }

    /** The last batch's documents landing (from any thread): the view is as of its token once this completes. */
    public CompletableFuture<Void> landing() {
        return book.landing();
    }

    /**
     * Forgets what it keeps in memory between batches, because the view's documents were replaced underneath it (a
     * rebuilt copy swapped in while its processor was stopped).
     */
    public void forgetCachedDocuments() {
        book.discard();
        answered.invalidateAll();
    }

    @Override
    public void finishReplay() {
        book.finishReplay();
    }

    @ResetHandler
    void reset() {
        book.discard();
        answered.invalidateAll();
        Flux.just(FigureBook.FIGURES, FigureBook.VERSIONS, FigureBook.UNITS, FigureBook.JOURNAL, RECOGNITIONS, PLANS,
                  TARGETS, CATALOGUE)
            .concatMap(name -> database.getCollection(name).drop()).blockLast();
    }
}
