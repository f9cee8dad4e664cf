package vn.xhht.ledger.infrastructure.web;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.Page;
import vn.xhht.ledger.domain.plan.PlanStatus;
import vn.xhht.ledger.domain.plan.PlanQueries.ClosedPlansView;
import vn.xhht.ledger.domain.plan.PlanQueries.FetchPlansQuery;
import vn.xhht.ledger.domain.plan.PlanQueries.PlanView;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitLineageQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitLineageView;
import vn.xhht.ledger.infrastructure.security.Actor;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * Why a unit's figures for a year are frozen: the closed plans of the unit and of its ancestors (the hierarchy at the
 * year's end) whose period touches the year. Readable by whoever may read the unit, even when the closing ancestor is
 * outside their scope: it is the unit's own figures that are frozen.
 */
@RestController
public class ClosedPlansController {

    private final Reads reads;
    private final AccessPolicy access;

    public ClosedPlansController(Reads reads, AccessPolicy access) {
        this.reads = reads;
        this.access = access;
    }

    @Operation(summary = "Các kế hoạch đã khóa số liệu năm của đơn vị (của đơn vị và các cấp trên)")
    @GetMapping("/api/v1/units/{id}/closed-plans")
    @SuppressWarnings("unchecked")
    public Mono<ClosedPlansView> closedPlans(@PathVariable String id, @RequestParam int year,
                                             @RequestParam(required = false) String asOf,
                                             @AuthenticationPrincipal Actor actor) {
        Requests.unitId(id);
        Requests.year(year);
        Instant asOfInstant = Requests.instant(asOf, "asOf");
        return access.requireRead(actor, id)
                     .then(reads.ask(new FetchUnitLineageQuery(id, LocalDate.of(year, 12, 31)), UnitLineageView.class))
                     .flatMapMany(lineage -> Flux.fromIterable(lineage.lineage()))
                     .concatMap(unit -> reads.ask(new FetchPlansQuery(unit, year, null, 100, null, asOfInstant), Page.class)
                                             .flatMapIterable(page -> (java.util.List<PlanView>) page.items()))
                     .filter(plan -> plan.status() == PlanStatus.CLOSED)
                     .sort(Comparator.comparing((PlanView plan) -> plan.lastStatusChange() == null ? Instant.EPOCH
                                                                                                    : plan.lastStatusChange().at()))
                     .collectList()
                     .map(items -> new ClosedPlansView(id, year, items));
    }
}
