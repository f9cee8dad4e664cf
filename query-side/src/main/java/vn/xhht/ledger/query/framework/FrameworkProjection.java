package vn.xhht.ledger.query.framework;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.FrameworkMessages.FetchFrameworkVersionQuery;
import vn.xhht.ledger.domain.framework.FrameworkMessages.FetchFrameworksQuery;
import vn.xhht.ledger.domain.framework.FrameworkMessages.FrameworkList;
import vn.xhht.ledger.domain.framework.FrameworkMessages.FrameworkSummary;
import vn.xhht.ledger.domain.framework.FrameworkMessages.FrameworkVersionPublishedEvent;
import vn.xhht.ledger.query.support.BatchedView;
import vn.xhht.ledger.query.support.RecordTime;
import vn.xhht.ledger.query.support.ViewBatch;
import vn.xhht.ledger.query.support.ViewDocuments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import java.util.Comparator;
import java.util.concurrent.CompletableFuture;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * Published framework versions ({@code framework_versions}, one document per code and version, never changed
 * again) and the list of frameworks with their latest version ({@code framework_index}).
 */
@Component
@ProcessingGroup(FrameworkProjection.NAME)
public class FrameworkProjection extends BatchedView {

    public static final String NAME = "frameworks";
    /** 2: every indicator names its kind (per-level targets). */
    /** 3: summaries say whether a framework is a survey standard. */
    public static final int SHAPE = 3;
    private static final String VERSIONS = "framework_versions";
    private static final String INDEX = "framework_index";
    private static final String DIRECTORY = "#codes";
    /** A version's record time: when the service learnt of it. */
    private static final String PUBLISHED_AT = "at";

    /** The collections this view writes, the index (which lists versions) last. */
    public static List<String> collections() {
        return List.of(VERSIONS, INDEX);
    }

    private final MongoCollection<Document> versions;
    private final MongoCollection<Document> index;
    private final ViewBatch batch;

    @Autowired
    public FrameworkProjection(MongoDatabase readDatabase) {
        this(readDatabase, ViewBatch.Mode.SHARED);
    }

    public FrameworkProjection(MongoDatabase readDatabase, ViewBatch.Mode mode) {
        this.versions = readDatabase.getCollection(VERSIONS);
        this.index = readDatabase.getCollection(INDEX);
        this.batch = new ViewBatch(readDatabase, mode, collections(), List.of());
    }

    public static String key(String code, int version) {
        return code + "@" + version;
    }

    @EventHandler
    void on(FrameworkVersionPublishedEvent event) {
        batch.apply(() -> {
            String key = key(event.code(), event.version());
            Document version = ViewDocuments.toDocument(event.framework()).append("_id", key);
            RecordTime.put(version, PUBLISHED_AT, RecordTime.ofEventBeingHandled());
            batch.replace(VERSIONS, key, version);
            Document existing = batch.find(INDEX, event.code());
            if (existing == null || ViewDocuments.fromDocument(existing, FrameworkSummary.class).latestVersion() <= event.version()) {
                CriteriaFramework framework = event.framework();
                batch.replace(INDEX, event.code(), ViewDocuments.toDocument(new FrameworkSummary(
                        event.code(), framework.title(), framework.regulation(), event.version(), framework.provisional(),
                        framework.surveyStandard())).append("_id", event.code()));
            }
            Document directory = batch.find(INDEX, DIRECTORY);
            List<String> codes = new ArrayList<>(directory == null ? List.of() : directory.getList("codes", String.class));
            if (!codes.contains(event.code())) {
                codes.add(event.code());
                batch.replace(INDEX, DIRECTORY, new Document("_id", DIRECTORY).append("codes", codes));
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
        Mono.from(versions.drop()).then(Mono.from(index.drop())).block();
    }

    /** Lists the codes, so that listing frameworks is key lookups, not a scan. */
    @QueryHandler
    public CompletableFuture<FrameworkList> handle(FetchFrameworksQuery query) {
        Flux<FrameworkSummary> summaries = Mono.from(index.find(eq("_id", DIRECTORY)).first())
                .map(directory -> directory.getList("codes", String.class))
                .flatMapMany(codes -> Flux.from(index.find(in("_id", codes))))
                .map(document -> ViewDocuments.fromDocument(document, FrameworkSummary.class));
        if (query.asOf() != null) {
            summaries = summaries.concatMap(summary -> latestAsOf(summary, query.asOf()).map(
                    framework -> new FrameworkSummary(summary.code(), framework.title(), framework.regulation(),
                                                      framework.version(), framework.provisional(),
                                                      framework.surveyStandard())));
        }
        return summaries.sort(Comparator.comparing(FrameworkSummary::code))
                        .collectList()
                        .map(FrameworkList::new)
                        .toFuture();
    }

    @QueryHandler
    public CompletableFuture<CriteriaFramework> handle(FetchFrameworkVersionQuery query) {
        Mono<FrameworkSummary> summary = Mono.from(index.find(eq("_id", query.code())).first())
                                             .map(d -> ViewDocuments.fromDocument(d, FrameworkSummary.class));
        Mono<CriteriaFramework> found;
        if (query.version() != null) {
            found = Mono.from(versions.find(eq("_id", key(query.code(), query.version()))).first())
                        .filter(document -> knownAt(document, query.asOf()))
                        .map(document -> ViewDocuments.fromDocument(document, CriteriaFramework.class));
        } else if (query.asOf() == null) {
            found = summary.flatMap(s -> Mono.from(versions.find(eq("_id", key(query.code(), s.latestVersion()))).first()))
                           .map(document -> ViewDocuments.fromDocument(document, CriteriaFramework.class));
        } else {
            found = summary.flatMap(s -> latestAsOf(s, query.asOf()));
        }
        return found.switchIfEmpty(Mono.error(() -> new DomainException(
                            ErrorCode.FRAMEWORK_NOT_FOUND, "No framework " + query.code()
                            + (query.version() == null ? "" : " version " + query.version())
                            + (query.asOf() == null ? "" : " at " + query.asOf()))))
                    .toFuture();
    }

    /**
     * The latest version of a framework the service knew at {@code asOf}: its versions are few, read with one
     * {@code $in} by key; empty if none was published by then.
     */
    private Mono<CriteriaFramework> latestAsOf(FrameworkSummary summary, Instant asOf) {
        List<String> keys = new ArrayList<>();
        for (int version = 1; version <= summary.latestVersion(); version++) {
            keys.add(key(summary.code(), version));
        }
        return Flux.from(versions.find(in("_id", keys)))
                   .filter(document -> knownAt(document, asOf))
                   .map(document -> ViewDocuments.fromDocument(document, CriteriaFramework.class))
                   .reduce((a, b) -> a.version() >= b.version() ? a : b);
    }

    /**
     * Whether a version was published by {@code asOf} (null: now). Versions stored before their record time was kept
     * have none and count as always known; rebuilding the view (with swap) gives them theirs.
     */
    private static boolean knownAt(Document version, Instant asOf) {
        Instant at = RecordTime.get(version, PUBLISHED_AT);
        return asOf == null || at == null || !at.isAfter(asOf);
    }
}
