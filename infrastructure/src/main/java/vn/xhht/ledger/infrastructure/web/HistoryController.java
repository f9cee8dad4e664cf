package vn.xhht.ledger.infrastructure.web;

import io.swagger.v3.oas.annotations.Operation;

import com.mongodb.client.MongoDatabase;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.xhht.ledger.domain.common.Page;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitSubtreeMembersQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitSubtreeView;
import vn.xhht.ledger.infrastructure.audit.AuditTrail;
import vn.xhht.ledger.infrastructure.security.Actor;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code GET /units/{id}/history} (API.md: History and audit): everything that happened to a unit and its subtree
 * (every unit ever in it, or with {@code on} the subtree that day; with {@code asOf}, what had been recorded by then
 * about the hierarchy as known then), newest first, each as a Vietnamese and an English sentence plus the event with its
 * before → after. Readable by whoever may read the unit.
 */
@RestController
public class HistoryController {

    private final Reads reads;
    private final AccessPolicy access;
    private final AuditTrail trail;
    private final KnownUnits units;

    public HistoryController(Reads reads, AccessPolicy access, KnownUnits units, MongoDatabase eventDatabase) {
        this.reads = reads;
        this.units = units;
        this.access = access;
        this.trail = new AuditTrail(eventDatabase);
    }

    @Operation(summary = "Lịch sử của đơn vị và các đơn vị trực thuộc, mới nhất trước")
    @GetMapping("/api/v1/units/{id}/history")
    public Mono<Page<AuditTrail.HistoryEntry>> history(@PathVariable String id,
                                                       @RequestParam(required = false) String cursor,
                                                       @RequestParam(required = false) Integer limit,
                                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                                       @RequestParam(required = false) String asOf,
                                                       @AuthenticationPrincipal Actor actor) {
        Requests.unitId(id);
        int size = Requests.limit(limit);
        Instant known = Requests.instant(asOf, "asOf");
        long before = cursor == null ? Long.MAX_VALUE : Requests.positionCursor(cursor);
        return units.requireExists(id)
                    .then(reads.ask(new FetchUnitSubtreeMembersQuery(id, on, known), UnitSubtreeView.class))
                    .flatMap(subtree -> access.requireRead(actor, id).thenReturn(subtree))
                    .flatMap(subtree -> {
                        Set<String> units = new LinkedHashSet<>(subtree.unitIds());
                        units.add(id);
                        return Mono.fromCallable(() -> trail.history(units, before, size, known))
                                   .subscribeOn(Schedulers.boundedElastic());
                    });
    }
}
