package vn.xhht.ledger.infrastructure.web;

import io.swagger.v3.oas.annotations.Operation;

import com.mongodb.client.MongoDatabase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RequestParam;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Page;
import vn.xhht.ledger.domain.history.HistoryQueries.FetchSubtreeEventsQuery;
import vn.xhht.ledger.domain.history.HistoryQueries.LoggedEvent;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitSubtreeMembersQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitSubtreeView;
import vn.xhht.ledger.infrastructure.admin.ProjectionRebuilds;
import vn.xhht.ledger.infrastructure.audit.AuditTrail;
import vn.xhht.ledger.infrastructure.eventstore.LogExport;
import vn.xhht.ledger.infrastructure.eventstore.LogSeal;
import vn.xhht.ledger.infrastructure.eventstore.LogVerifier;
import vn.xhht.ledger.infrastructure.security.Actor;
import vn.xhht.ledger.infrastructure.security.Role;
import vn.xhht.ledger.query.history.HistoryProjection;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Audit (API.md: History and audit): the log's tamper check and its export, for auditors and administrators. */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z0-9]{0,100}");

    private final AccessPolicy access;
    private final LogVerifier verifier;
    private final LogExport export;
    private final AuditTrail trail;
    private final Reads reads;
    private final ProjectionRebuilds projections;
    private final Duration wait;

    public AuditController(AccessPolicy access, Reads reads, MongoDatabase eventDatabase, LogSeal seal,
                           ProjectionRebuilds projections, @Value("${xhht.history.wait:PT1S}") Duration wait) {
        this.access = access;
        this.projections = projections;
        this.wait = wait;
        this.reads = reads;
        this.trail = new AuditTrail(eventDatabase);
        this.verifier = new LogVerifier(eventDatabase, seal);
        this.export = new LogExport(eventDatabase, seal);
    }

    /**
     * The event log with who, why and the field-level before → after of each event, oldest first, paged over the
     * global position ({@code cursor} is the last position of the previous page); with {@code asOf}, the log as it
     * stood at that instant (the events recorded by then, a subtree as the hierarchy was known then). A unit's subtree
     * ({@code unitId}, {@code on}) is read from the history view, once it holds every event stored when the request
     * came (waiting at most {@code xhht.history.wait}); the rest from the log by its keys.
     */
    @Operation(summary = "Nhật ký sự kiện: ai, vai trò, khi nào, lý do, trước → sau")
    @GetMapping("/events")
    @SuppressWarnings("unchecked")
    public Mono<Page<LoggedEvent>> events(@RequestParam(required = false) String aggregateId,
                                             @RequestParam(required = false) String actor,
                                             @RequestParam(required = false) String type,
                                             @RequestParam(required = false) String unitId,
                                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                             @RequestParam(required = false) String from,
                                             @RequestParam(required = false) String to,
                                             @RequestParam(required = false) String asOf,
                                             @RequestParam(required = false) String cursor,
                                             @RequestParam(required = false) Integer limit,
                                             @AuthenticationPrincipal Actor caller) {
        String aggregate = aggregateId == null ? null : Requests.aggregateId(aggregateId);
        String who = checked(actor, USERNAME, "actor");
        String what = checked(type, TYPE, "type");
        Instant start = Requests.instant(from, "from");
        Instant end = Requests.instant(to, "to");
        Instant known = Requests.instant(asOf, "asOf");
        long after = Requests.positionCursor(cursor);
        int size = Requests.limit(limit);
        Mono<Void> allowed = access.requireRole(caller, Role.AUDITOR, Role.ADMIN);
        if (unitId == null) {
            AuditTrail.Filter filter = new AuditTrail.Filter(aggregate, who, what, start, end, known);
            return allowed.then(Mono.fromCallable(() -> trail.page(filter, after, size))
                                    .subscribeOn(Schedulers.boundedElastic()));
        }
        Requests.unitId(unitId);
        return allowed.then(reads.ask(new FetchUnitSubtreeMembersQuery(unitId, on, known), UnitSubtreeView.class))
                      .flatMap(subtree -> projections.awaitCaughtUp(HistoryProjection.NAME, wait).thenReturn(subtree))
                      .flatMap(subtree -> reads.ask(new FetchSubtreeEventsQuery(unitId, subtree.unitIds(), after, size,
                                                                                aggregate, who, what, start, end,
                                                                                known), Page.class))
                      .map(page -> (Page<LoggedEvent>) page);
    }

    /**
     * The aggregates concerning a unit's subtree: its units and everything naming one of them. The subtree is every
     * unit that was ever in it (a commune merged away keeps counting for its old district, whose auditors must see
     * what was done to it while it was theirs), or, with {@code on}, the subtree that day; the hierarchy as known at
     * {@code asOf} (null: now). Empty when no unit is asked for.
     */
    private Mono<Optional<Set<String>>> subtreeAggregates(String unitId, LocalDate on, Instant asOf) {
        if (unitId == null) {
            return Mono.just(Optional.empty());
        }
        Requests.unitId(unitId);
        return reads.ask(new FetchUnitSubtreeMembersQuery(unitId, on, asOf), UnitSubtreeView.class)
                    .publishOn(Schedulers.boundedElastic())
                    .map(subtree -> Optional.of(trail.aggregatesConcerning(subtree.unitIds())));
    }

    private static String checked(String value, Pattern pattern, String field) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw new RequestRefusedException(ErrorCode.VALIDATION_FAILED, field, field + " must match " + pattern.pattern());
        }
        return value;
    }

    /** Reads the whole log once (sync driver, off the event loop) and names the first broken position. */
    @Operation(summary = "Kiểm tra tính toàn vẹn của nhật ký")
    @GetMapping("/verify")
    public Mono<LogVerifier.Report> verify(@AuthenticationPrincipal Actor actor) {
        return access.requireRole(actor, Role.AUDITOR, Role.ADMIN)
                     .then(Mono.fromCallable(verifier::verify).subscribeOn(Schedulers.boundedElastic()));
    }

    /**
     * The commits of an aggregate, a unit's subtree and/or a period as JSON lines with their hashes and signatures, for offline
     * verification (README: "Verifying an export").
     */
    @Operation(summary = "Xuất nhật ký để kiểm tra ngoại tuyến (NDJSON)")
    @GetMapping(path = "/export", produces = "application/x-ndjson")
    public Flux<String> export(@RequestParam(required = false) String aggregateId,
                               @RequestParam(required = false) String unitId,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                               @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to,
                               @AuthenticationPrincipal Actor actor) {
        String aggregate = aggregateId == null ? null : Requests.aggregateId(aggregateId);
        Instant start = Requests.instant(from, "from");
        Instant end = Requests.instant(to, "to");
        return access.requireRole(actor, Role.AUDITOR, Role.ADMIN)
                     .then(Mono.defer(() -> subtreeAggregates(unitId, on, null)))
                     .flatMapMany(aggregates -> Flux.<String>create(sink -> {
                         export.export(aggregate, aggregates.orElse(null), start, end, line -> sink.next(line + "\n"));
                         sink.complete();
                     }).subscribeOn(Schedulers.boundedElastic()));
    }
}
