package vn.xhht.ledger.query.indicator;

import vn.xhht.ledger.query.support.RecordTime;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        return readAndKeep(query).toFuture();
    }

    /** Reads the table; one read for now is kept, stamped with the generation and time it began at. */
    private Mono<IndicatorTable> readAndKeep(FetchIndicatorsQuery query) {
        if (query.asOf() != null) {
            return read(query.unitId(), query.year(), query.asOf());
        }
        return Mono.defer(() -> {
            long generation = answered.generation();
            long readAt = answered.now();
            return read(query.unitId(), query.year(), null)
                    .doOnNext(table -> answered.put(query.unitId(), query.year(), generation, readAt, table));
        });
    }

    /**
     * The catalogue, the unit's figures and its lineage are read at once; the lineage's targets once it is known.
     * Nothing waits on a thread: each read continues on the driver's callback.
     */
    private Mono<IndicatorTable> read(String unitId, int year, Instant asOf) {
        Mono<List<IndicatorDefinition>> definitions = Mono.from(catalogue.find(eq("_id", "current")).first())
                                                          .map(document -> catalogueOf(document).indicators())
                                                          .defaultIfEmpty(List.of());
        Mono<Lineage> lineage = Mono.defer(() -> lineage(unitId, year, asOf, new ArrayList<>()))
                .flatMap(ids -> Flux.from(targets.find(in("_id", ids.stream().map(id -> Figure.id(id, year)).toList())))
                                    .collectMap(document -> document.getString("_id"))
                                    .map(found -> new Lineage(ids, found)));
        return Mono.zip(definitions, figureAsOf(unitId, year, asOf), lineage)
                   .map(read -> table(unitId, year, asOf, read.getT1(), read.getT2(), read.getT3()));
    }

    /** The unit and its ancestors, and the target documents of their year. */
    private record Lineage(List<String> ids, Map<String, Document> targets) {
    }

    private static IndicatorTable table(String unitId, int year, Instant asOf, List<IndicatorDefinition> definitions,
                                        Figure figure, Lineage lineage) {
        List<IndicatorRow> rows = new ArrayList<>();
        for (IndicatorDefinition definition : definitions) {
            long numerator = figure.effective(definition.numerator().key(definition.code(), true));
            long denominator = figure.effective(definition.denominator().key(definition.code(), false));
            Target target = nearestTarget(definition.code(), lineage.ids(), year, lineage.targets(), asOf);
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
    private Mono<Figure> figureAsOf(String unitId, int year, Instant asOf) {
        return Mono.from(figures.find(eq("_id", Figure.id(unitId, year)))
                                .projection(asOf == null ? exclude("open") : null).first())
                   .flatMap(current -> {
                       Figure figure = Figure.fromDocument(unitId, year, current);
                       if (asOf == null || figure.at == null || !figure.at.isAfter(asOf)) {
                           return Mono.just(figure);
                       }
                       Document open = figure.openPage();
                       Instant first = Figure.firstRecorded(open);
                       Mono<Document> page = first == null || first.isAfter(asOf)
                               ? lastFullPageFrom(unitId, year, asOf, 0, figure.fullPages() - 1, null)
                               : Mono.just(open);
                       return page.map(found -> Figure.asOf(unitId, year, found, asOf));
                   })
                   .defaultIfEmpty(new Figure(unitId, year));
    }

    /** By halving {@code [low, high]}: the last full page whose first version is not after {@code asOf}. */
    private Mono<Document> lastFullPageFrom(String unitId, int year, Instant asOf, long low, long high, Document best) {
        if (low > high) {
            return Mono.justOrEmpty(best);
        }
        long middle = (low + high) >>> 1;
        return Mono.from(versions.find(eq("_id", Figure.pageId(unitId, year, middle))).first())
                   .map(stored -> Optional.of(Figure.fullPage(stored)))
                   .defaultIfEmpty(Optional.empty())
                   .flatMap(full -> {
                       Instant recorded = full.map(Figure::firstRecorded).orElse(null);
                       return recorded != null && !recorded.isAfter(asOf)
                               ? lastFullPageFrom(unitId, year, asOf, middle + 1, high, full.get())
                               : lastFullPageFrom(unitId, year, asOf, low, middle - 1, best);
                   });
    }

    /** The unit and its ancestors at the year's end, as known at {@code asOf}: one keyed read per level. */
    private Mono<List<String>> lineage(String current, int year, Instant asOf, List<String> found) {
        if (current == null || found.size() >= MAX_DEPTH || found.contains(current)) {
            return Mono.just(found);
        }
        found.add(current);
        return Mono.from(units.find(eq("_id", current)).first())
                   .map(document -> Optional.ofNullable(
                           UnitLine.fromDocument(document).parentOn(UnitLine.yearEnd(year), asOf)))
                   .defaultIfEmpty(Optional.empty())
                   .flatMap(parent -> lineage(parent.orElse(null), year, asOf, found));
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


}
