package vn.xhht.ledger.infrastructure.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Page;
import vn.xhht.ledger.domain.plan.PlanCommands.AmendPlanCommand;
import vn.xhht.ledger.domain.plan.PlanCommands.ClosePlanCommand;
import vn.xhht.ledger.domain.plan.PlanCommands.CreatePlanCommand;
import vn.xhht.ledger.domain.plan.PlanCommands.IssuePlanCommand;
import vn.xhht.ledger.domain.plan.PlanCommands.ReopenPlanCommand;
import vn.xhht.ledger.domain.plan.PlanQueries.FetchPlanQuery;
import vn.xhht.ledger.domain.plan.PlanQueries.FetchPlansQuery;
import vn.xhht.ledger.domain.plan.PlanQueries.PlanView;
import vn.xhht.ledger.infrastructure.security.Actor;
import vn.xhht.ledger.infrastructure.security.Role;
import vn.xhht.ledger.infrastructure.web.PlanRequests.AmendPlanRequest;
import vn.xhht.ledger.infrastructure.web.PlanRequests.CreatePlanRequest;
import vn.xhht.ledger.infrastructure.web.PlanRequests.DeadlineBody;
import vn.xhht.ledger.infrastructure.web.PlanRequests.ReasonRequest;
import vn.xhht.ledger.infrastructure.web.PlanRequests.TargetBody;
import vn.xhht.ledger.infrastructure.web.PlanRequests.TaskBody;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;

import static vn.xhht.ledger.infrastructure.web.PlanRequests.map;

/** Plans and their periods (API.md: Plans and periods). Every change is a PLANNER's, in scope of the issuer. */
@RestController
@RequestMapping("/api/v1/plans")
public class PlanController {


    private final Commands commands;
    private final Reads reads;
    private final AccessPolicy access;

    public PlanController(Commands commands, Reads reads, AccessPolicy access) {
        this.commands = commands;
        this.reads = reads;
        this.access = access;
    }

    @Operation(summary = "Soạn thảo kế hoạch (bản nháp)")
    @ApiResponse(responseCode = "201", description = "Đã tạo (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = PlanView.class)))
    @ResponseStatus(HttpStatus.CREATED) // documents the 201; the ResponseEntity sets it
    @PostMapping
    public Mono<ResponseEntity<Object>> create(@Valid @RequestBody CreatePlanRequest request,
                                               @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        String planId = RequestIds.resourceId(exchange);
        CreatePlanCommand command = new CreatePlanCommand(
                planId, request.issuerUnitId(), request.number().strip(), request.title().strip(), request.issuedOn(),
                request.period().toPeriod(), request.basis(), map(request.targets(), TargetBody::toTarget),
                map(request.tasks(), TaskBody::toTask), map(request.deadlines(), DeadlineBody::toDeadline));
        return access.requireRoleAndScope(actor, request.issuerUnitId(), Role.PLANNER)
                     .then(commands.send(command, actor, null, exchange))
                     .flatMap(version -> reads.answer(planId, version, () -> plan(planId), PlanView::version))
                     .map(answer -> ResponseEntity.created(URI.create("/api/v1/plans/" + planId))
                                                  .header(HttpHeaders.ETAG, Requests.etag(answer.version()))
                                                  .body(answer.body()));
    }

    @Operation(summary = "Ban hành kế hoạch")
    @ApiResponse(responseCode = "200", description = "Kết quả sau lệnh (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = PlanView.class)))
    @PostMapping("/{id}/issue")
    public Mono<ResponseEntity<Object>> issue(@PathVariable String id,
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        Long expected = Requests.ifMatch(ifMatch);
        // the units under the issuer on the plan's date report by default: the plan finds them in the hierarchy
        return change(id, actor, null, exchange, planId -> new IssuePlanCommand(planId, expected));
    }

    @Operation(summary = "Điều chỉnh chỉ tiêu, nhiệm vụ, thời hạn của kế hoạch (có lý do)")
    @ApiResponse(responseCode = "200", description = "Kết quả sau lệnh (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = PlanView.class)))
    @PostMapping("/{id}/amend")
    public Mono<ResponseEntity<Object>> amend(@PathVariable String id, @Valid @RequestBody AmendPlanRequest request,
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        Long expected = Requests.ifMatch(ifMatch);
        return change(id, actor, request.reason(), exchange, planId -> new AmendPlanCommand(
                planId, map(request.targets(), TargetBody::toTarget), map(request.tasks(), TaskBody::toTask),
                map(request.deadlines(), DeadlineBody::toDeadline), request.reason(), expected));
    }

    @Operation(summary = "Khoá sổ kỳ kế hoạch (có lý do): số liệu trong kỳ bị từ chối cho đến khi mở lại")
    @ApiResponse(responseCode = "200", description = "Kết quả sau lệnh (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = PlanView.class)))
    @PostMapping("/{id}/close")
    public Mono<ResponseEntity<Object>> close(@PathVariable String id, @Valid @RequestBody ReasonRequest request,
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        Long expected = Requests.ifMatch(ifMatch);
        return change(id, actor, request.reason(), exchange,
                      planId -> new ClosePlanCommand(planId, request.reason(), expected));
    }

    @Operation(summary = "Mở lại kỳ kế hoạch đã khoá (có lý do)")
    @ApiResponse(responseCode = "200", description = "Kết quả sau lệnh (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = PlanView.class)))
    @PostMapping("/{id}/reopen")
    public Mono<ResponseEntity<Object>> reopen(@PathVariable String id, @Valid @RequestBody ReasonRequest request,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        Long expected = Requests.ifMatch(ifMatch);
        return change(id, actor, request.reason(), exchange,
                      planId -> new ReopenPlanCommand(planId, request.reason(), expected));
    }

    @Operation(summary = "Một kế hoạch")
    @GetMapping("/{id}")
    public Mono<ResponseEntity<PlanView>> get(@PathVariable String id, @RequestParam(required = false) String asOf,
                                              @AuthenticationPrincipal Actor actor) {
        String planId = Requests.uuid(id, ErrorCode.PLAN_NOT_FOUND);
        return reads.ask(new FetchPlanQuery(planId, Requests.instant(asOf, "asOf")), PlanView.class)
                .flatMap(plan -> access.requireRead(actor, plan.issuerUnitId()).thenReturn(plan))
                .map(plan -> ResponseEntity.ok().eTag(Requests.etag(plan.version())).body(plan));
    }

    @Operation(summary = "Các kế hoạch của một đơn vị (theo năm, hiệu lực vào ngày on)")
    @GetMapping
    @SuppressWarnings("unchecked")
    public Mono<Page<PlanView>> list(@RequestParam(required = false) String unitId,
                                     @RequestParam(required = false) Integer year,
                                     @RequestParam(required = false) Integer limit,
                                     @RequestParam(required = false) String cursor,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                     @RequestParam(required = false) String asOf,
                                     @AuthenticationPrincipal Actor actor) {
        Instant asOfInstant = Requests.instant(asOf, "asOf");
        if (unitId != null) {
            Requests.unitId(unitId);
        }
        if (year != null && (year < 1900 || year > 2200)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "year", "year must be between 1900 and 2200");
        }
        int size = Requests.limit(limit);
        Mono<Void> allowed = unitId == null ? Mono.empty() : access.requireRead(actor, unitId);
        return allowed.then(reads.ask(new FetchPlansQuery(unitId, year, on, size, cursor, asOfInstant), Page.class))
                      .map(page -> (Page<PlanView>) page)
                      .flatMap(page -> unitId != null || access.readsEverything(actor) ? Mono.just(page)
                              : Flux.fromIterable(page.items())
                                    .filterWhen(plan -> access.mayRead(actor, plan.issuerUnitId()))
                                    .collectList()
                                    .map(items -> new Page<>(items, page.next())));
    }

    private Mono<ResponseEntity<Object>> change(String id, Actor actor, String reason, ServerWebExchange exchange,
                                                Function<String, Object> command) {
        String planId = Requests.uuid(id, ErrorCode.PLAN_NOT_FOUND);
        return plan(planId)
                .flatMap(plan -> access.requireRoleAndScope(actor, plan.issuerUnitId(), Role.PLANNER))
                .then(Mono.defer(() -> commands.send(command.apply(planId), actor, reason, exchange)))
                .flatMap(version -> reads.answer(planId, version, () -> plan(planId), PlanView::version))
                .map(answer -> ResponseEntity.ok().eTag(Requests.etag(answer.version())).body(answer.body()));
    }

    private Mono<PlanView> plan(String planId) {
        return reads.ask(new FetchPlanQuery(planId), PlanView.class);
    }



}
