package vn.xhht.ledger.query.indicator;

import vn.xhht.ledger.query.support.RecordTime;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue.IndicatorDefinition;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.FetchIndicatorCatalogueQuery;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.FetchIndicatorsQuery;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.IndicatorRow;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.IndicatorTable;
import vn.xhht.ledger.domain.indicator.IndicatorRules;
import vn.xhht.ledger.query.support.ViewDocuments;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Projections.exclude;
import static com.mongodb.client.model.Filters.in;

/**
 * Answers {@code GET /indicators}: a unit's figures for a year (now, or the version in force at an instant),
 * its lineage at the year's end, and the nearest plan's target per indicator. Every read is by key: a handful of
 * lookups whatever the size of the subtree.
 */
@Component
public class IndicatorReader {

    private static final int MAX_DEPTH = 64;

    private final MongoCollection<Document> figures;
    private final MongoCollection<Document> versions;
    private final MongoCollection<Document> units;
    private final MongoCollection<Document> targets;
    private final MongoCollection<Document> catalogue;
    private final IndicatorTableCache answered;

    public IndicatorReader(MongoDatabase readDatabase, IndicatorTableCache answered) {
        this.answered = answered;
        this.figures = readDatabase.getCollection(FigureBook.FIGURES);
        this.versions = readDatabase.getCollection(FigureBook.VERSIONS);
        this.units = readDatabase.getCollection(FigureBook.UNITS);
        this.targets = readDatabase.getCollection(IndicatorProjection.TARGETS);
        this.catalogue = readDatabase.getCollection(IndicatorProjection.CATALOGUE);
    }

    @QueryHandler
    public CompletableFuture<IndicatorCatalogue> handle(FetchIndicatorCatalogueQuery query) {
        return Mono.from(catalogue.find(eq("_id", "current")).first())
                   .map(IndicatorReader::catalogueOf)
                   .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.NOT_FOUND, "No indicator catalogue published")))
                   .toFuture();
    }

    @QueryHandler
    public CompletableFuture<IndicatorTable> handle(FetchIndicatorsQuery query) {
        if (query.asOf() == null) {
            IndicatorTable cached = answered.get(query.unitId(), query.year());
            if (cached != null) {
                return CompletableFuture.completedFuture(cached);
            }
        }
        return Mono.fromCallable(() -> readAndKeep(query))
                   .subscribeOn(Schedulers.boundedElastic())
                   .toFuture();
    }

    private IndicatorTable readAndKeep(FetchIndicatorsQuery query) {
        if (query.asOf() != null) {
            return read(query.unitId(), query.year(), query.asOf());
        }
        long generation = answered.generation();
        long readAt = answered.now();
        IndicatorTable table = read(query.unitId(), query.year(), null);
        answered.put(query.unitId(), query.year(), generation, readAt, table);
        return table;
    }

    private IndicatorTable read(String unitId, int year, Instant asOf) {
        Document catalogueDocument = block(catalogue.find(eq("_id", "current")).first());
        List<IndicatorDefinition> definitions = catalogueDocument == null ? List.of()
                                                                          : catalogueOf(catalogueDocument).indicators();
        Figure figure = figureAsOf(unitId, year, asOf);
        List<String> lineage = lineage(unitId, year, asOf);
        Map<String, Document> targetDocuments = new HashMap<>();
        Flux.from(targets.find(in("_id", lineage.stream().map(id -> Figure.id(id, year)).toList())))
            .doOnNext(d -> targetDocuments.put(d.getString("_id"), d)).blockLast();
        List<IndicatorRow> rows = new ArrayList<>();
        for (IndicatorDefinition definition : definitions) {
            long numerator = figure.effective(definition.numerator().key(definition.code(), true));
            long denominator = figure.effective(definition.denominator().key(definition.code(), false));
            Target target = nearestTarget(definition.code(), lineage, year, targetDocuments, asOf);
            BigDecimal value = IndicatorRules.value(numerator, denominator);
            rows.add(new IndicatorRow(definition.code(), definition.name(), target == null ? null : target.value(),
                                      target == null ? null : target.planId(), target == null ? null : target.unitId(),
                                      numerator, denominator, value,
                                      IndicatorRules.status(numerator, denominator, target == null ? null : target.value()),
                                      figure.at));
        }
        return new IndicatorTable(unitId, year, asOf, List.copyOf(rows));
    }

    /**
     * The unit's figures for the year as they stood at {@code asOf}: the last version recorded at or before it. Record
     * times only grow along the versions, so the page holding it is the last whose first version is not after
     * {@code asOf}: the open page (in the figures' own document) or, by halving, one of the full pages — a handful of
     * keyed reads however many versions there are.
     */
    private Figure figureAsOf(String unitId, int year, Instant asOf) {
        Document current = block(figures.find(eq("_id", Figure.id(unitId, year)))
                                        .projection(asOf == null ? exclude("open") : null).first());
        if (current == null) {
            return new Figure(unitId, year);
        }
        Figure figure = Figure.fromDocument(unitId, year, current);
        if (asOf == null || figure.at == null || !figure.at.isAfter(asOf)) {
            return figure;
        }
        Document page = figure.openPage();
        Instant first = Figure.firstRecorded(page);
        if (first == null || first.isAfter(asOf)) {
            page = null;
            long low = 0;
            long high = figure.fullPages() - 1;
            while (low <= high) {
                long middle = (low + high) >>> 1;
                Document full = block(versions.find(eq("_id", Figure.pageId(unitId, year, middle))).first());
                Instant recorded = full == null ? null : Figure.firstRecorded(full);
                if (recorded != null && !recorded.isAfter(asOf)) {
                    page = full;
                    low = middle + 1;
                } else {
                    high = middle - 1;
                }
            }
        }
        return page == null ? new Figure(unitId, year) : Figure.asOf(unitId, year, page, asOf);
    }

    /** The unit and its ancestors at the year's end, as known at {@code asOf}. */
    private List<String> lineage(String unitId, int year, Instant asOf) {
        List<String> lineage = new ArrayList<>();
        LocalDate end = UnitLine.yearEnd(year);
        String current = unitId;
        while (current != null && lineage.size() < MAX_DEPTH && !lineage.contains(current)) {
            lineage.add(current);
            Document document = block(units.find(eq("_id", current)).first());
            current = document == null ? null : UnitLine.fromDocument(document).parentOn(end, asOf);
        }
        return lineage;
    }

    record Target(BigDecimal value, String planId, String unitId) {
    }

    /**
     * The target set for the indicator by the nearest plan covering the year, issued by the unit or its closest
     * ancestor; among one unit's plans, the one with the shortest period (an annual plan before a five-year one),
     * then the latest issued.
     */
    private static Target nearestTarget(String indicator, List<String> lineage, int year,
                                        Map<String, Document> targetDocuments, Instant asOf) {
        for (String unitId : lineage) {
            Document document = targetDocuments.get(Figure.id(unitId, year));
            if (document == null) {
                continue;
            }
            Document state = null;
            for (Document entry : document.getList("history", Document.class)) {
                if (asOf == null || !RecordTime.get(entry, "at").isAfter(asOf)) {
                    state = entry;
                }
            }
            if (state == null) {
                continue;
            }
            Document best = null;
            for (Document plan : state.getList("plans", Document.class)) {
                if (plan.get("targets", Document.class).containsKey(indicator) && (best == null || better(plan, best))) {
                    best = plan;
                }
            }
            if (best != null) {
                return new Target(new BigDecimal(best.get("targets", Document.class).getString(indicator)),
                                  best.getString("planId"), unitId);
            }
        }
        return null;
    }

    private static boolean better(Document plan, Document than) {
        long length = days(plan);
        long otherLength = days(than);
        if (length != otherLength) {
            return length < otherLength;
        }
        return plan.getString("issuedOn").compareTo(than.getString("issuedOn")) > 0;
    }

    private static long days(Document plan) {
        return LocalDate.parse(plan.getString("to")).toEpochDay() - LocalDate.parse(plan.getString("from")).toEpochDay();
    }

    private static IndicatorCatalogue catalogueOf(Document document) {
        return ViewDocuments.fromDocument(document.get("catalogue", Document.class), IndicatorCatalogue.class);
    }

    private static <T> T block(org.reactivestreams.Publisher<T> publisher) {
        return Mono.from(publisher).block();
    }

}
