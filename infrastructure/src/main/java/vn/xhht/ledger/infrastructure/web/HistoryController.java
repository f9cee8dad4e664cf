package vn.xhht.ledger.infrastructure.web;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.Page;
import vn.xhht.ledger.domain.history.HistoryQueries.FetchUnitHistoryQuery;
import vn.xhht.ledger.domain.history.HistoryQueries.HistoryEntry;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitSubtreeMembersQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitSubtreeView;
import vn.xhht.ledger.infrastructure.admin.ProjectionRebuilds;
import vn.xhht.ledger.infrastructure.security.Actor;
import vn.xhht.ledger.query.history.HistoryProjection;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code GET /units/{id}/history} (API.md: History and audit): everything that happened to a unit and its subtree
 * (every unit ever in it, or with {@code on} the subtree that day; with {@code asOf}, what had been recorded by then
 * about the hierarchy as known then), newest first, each as a Vietnamese and an English sentence plus the event with its
 * before → after. Readable by whoever may read the unit. Read from the history view, once it holds every event stored
 * when the request came (waiting at most {@code xhht.history.wait}): an inspector sees every command answered before.
 */
@RestController
public class HistoryController {

    private final Reads reads;
    private final AccessPolicy access;
    private final KnownUnits units;
    private final ProjectionRebuilds projections;
    private final Duration wait;

    public HistoryController(Reads reads, AccessPolicy access, KnownUnits units, ProjectionRebuilds projections,
                             @Value("${xhht.history.wait:PT1S}") Duration wait) {
        this.reads = reads;
        this.units = units;
        this.access = access;
        this.projections = projections;
        this.wait = wait;
    }

    @Operation(summary = "Lịch sử của đơn vị và các đơn vị trực thuộc, mới nhất trước")
    @GetMapping("/api/v1/units/{id}/history")
    @SuppressWarnings("unchecked")
    public Mono<Page<HistoryEntry>> history(@PathVariable String id,
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
                    .flatMap(subtree -> projections.awaitCaughtUp(HistoryProjection.NAME, wait).thenReturn(subtree))
                    .flatMap(subtree -> {
                        Set<String> members = new LinkedHashSet<>(subtree.unitIds());
                        members.add(id);
                        return reads.ask(new FetchUnitHistoryQuery(id, members, before, size, known), Page.class)
                                    .map(page -> (Page<HistoryEntry>) page);
                    });
    }
}
