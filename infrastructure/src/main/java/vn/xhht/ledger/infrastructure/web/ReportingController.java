package vn.xhht.ledger.infrastructure.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Page;
import vn.xhht.ledger.domain.plan.PlanQueries.FetchPlanQuery;
import vn.xhht.ledger.domain.plan.PlanQueries.PlanView;
import vn.xhht.ledger.domain.reporting.ReportingMessages.AcceptReportCommand;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationStatus;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReturnReportCommand;
import vn.xhht.ledger.domain.reporting.ReportingMessages.SubmitReportCommand;
import vn.xhht.ledger.domain.reporting.ReportingQueries.FetchObligationQuery;
import vn.xhht.ledger.domain.reporting.ReportingQueries.FetchObligationsQuery;
import vn.xhht.ledger.domain.reporting.ReportingQueries.FetchReportQuery;
import vn.xhht.ledger.domain.reporting.ReportingQueries.FetchTaskProgressQuery;
import vn.xhht.ledger.domain.reporting.ReportingQueries.ObligationView;
import vn.xhht.ledger.domain.reporting.ReportingQueries.PlanTaskProgressView;
import vn.xhht.ledger.domain.reporting.ReportingQueries.ReportView;
import vn.xhht.ledger.infrastructure.security.Actor;
import vn.xhht.ledger.infrastructure.security.Role;
import vn.xhht.ledger.infrastructure.web.PlanRequests.ReasonRequest;
import vn.xhht.ledger.infrastructure.web.ReportingRequests.SubmitReportRequest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Reporting obligations and reports (API.md: Reporting obligations and reports). A reporting unit's PLANNER or
 * ASSESSOR submits; the issuer's PLANNER or REVIEWER accepts or returns. Reads are in scope of the unit concerned.
 */
@RestController
public class ReportingController {

    private final Commands commands;
    private final Reads reads;
    private final AccessPolicy access;
    private final KnownUnits units;
    private final Duration streamPoll;

    public ReportingController(Commands commands, Reads reads, AccessPolicy access, KnownUnits units,
                               @Value("${xhht.obligations.stream-poll:PT1S}") Duration streamPoll) {
        this.commands = commands;
        this.reads = reads;
        this.access = access;
        this.units = units;
        this.streamPoll = streamPoll;
    }

    @Operation(summary = "Các nghĩa vụ báo cáo của một kế hoạch: ai đã báo cáo, khi nào, đúng hạn hay trễ, ai chưa")
    @GetMapping("/api/v1/plans/{id}/obligations")
    @SuppressWarnings("unchecked")
    public Mono<Page<ObligationView>> ofPlan(@PathVariable String id, @RequestParam(required = false) ObligationStatus status,
                                             @RequestParam(required = false) Integer limit,
                                             @RequestParam(required = false) String cursor,
                                             @RequestParam(required = false) String asOf,
                                             @AuthenticationPrincipal Actor actor) {
        String planId = Requests.uuid(id, ErrorCode.PLAN_NOT_FOUND);
        Instant at = Requests.instant(asOf, "asOf");
        int size = Requests.limit(limit);
        return readablePlan(planId, at, actor)
                    .then(Mono.defer(() -> reads.ask(new FetchObligationsQuery(planId, null, status, size, cursor, at),
                                                     Page.class)))
                    .map(page -> (Page<ObligationView>) page);
    }

    @Operation(summary = "Tiến độ từng nhiệm vụ của kế hoạch theo báo cáo của các đơn vị")
    @GetMapping("/api/v1/plans/{id}/task-progress")
    public Mono<PlanTaskProgressView> taskProgress(@PathVariable String id, @RequestParam(required = false) String asOf,
                                                   @AuthenticationPrincipal Actor actor) {
        String planId = Requests.uuid(id, ErrorCode.PLAN_NOT_FOUND);
        Instant at = Requests.instant(asOf, "asOf");
        return readablePlan(planId, at, actor)
                    .then(Mono.defer(() -> reads.ask(new FetchTaskProgressQuery(planId, at), PlanTaskProgressView.class)));
    }

    @Operation(summary = "Việc cần làm của một đơn vị: các nghĩa vụ báo cáo (lọc theo trạng thái)")
    @GetMapping("/api/v1/units/{id}/obligations")
    @SuppressWarnings("unchecked")
    public Mono<Page<ObligationView>> ofUnit(@PathVariable String id, @RequestParam(required = false) ObligationStatus status,
                                             @RequestParam(required = false) Integer limit,
                                             @RequestParam(required = false) String cursor,
                                             @RequestParam(required = false) String asOf,
                                             @AuthenticationPrincipal Actor actor) {
        String unitId = Requests.unitId(id);
        Instant at = Requests.instant(asOf, "asOf");
        int size = Requests.limit(limit);
        return units.requireExists(unitId).then(access.requireRead(actor, unitId))
                    .then(Mono.defer(() -> reads.ask(new FetchObligationsQuery(null, unitId, status, size, cursor, at),
                                                     Page.class)))
                    .map(page -> (Page<ObligationView>) page);
    }

    /** The unit's obligations first, then each again whenever it changes (a reminder, overdue, a decision). */
    @Operation(summary = "Nghĩa vụ báo cáo của đơn vị, trực tiếp (Server-Sent Events): nhắc hạn, quá hạn, tiếp nhận")
    @GetMapping(path = "/api/v1/units/{id}/obligations/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @SuppressWarnings("unchecked")
    public Flux<ServerSentEvent<ObligationView>> stream(@PathVariable String id, @AuthenticationPrincipal Actor actor) {
        String unitId = Requests.unitId(id);
        FetchObligationsQuery query = new FetchObligationsQuery(null, unitId, null, 500, null, null);
        return units.requireExists(unitId).then(access.requireRead(actor, unitId)).thenMany(Flux.defer(() -> {
            Map<String, Long> sent = new HashMap<>();
            // a comment first: the answer's headers go out at once, even for a unit that owes nothing yet
            ServerSentEvent<ObligationView> opened = ServerSentEvent.<ObligationView>builder().comment("obligations of " + unitId).build();
            return Flux.concat(Flux.just(opened), Flux.interval(Duration.ZERO, streamPoll)
                       .onBackpressureDrop()
                       .concatMap(tick -> reads.ask(query, Page.class), 1)
                       .concatMapIterable(page -> ((Page<ObligationView>) page).items().stream()
                               .filter(o -> !Long.valueOf(o.version()).equals(sent.put(o.id(), o.version()))).toList())
                       .map(o -> ServerSentEvent.builder(o).event("obligation").id(o.id() + "|" + o.version()).build()));
        }));
    }

    @Operation(summary = "Một nghĩa vụ báo cáo")
    @GetMapping("/api/v1/obligations/{id}")
    public Mono<ResponseEntity<ObligationView>> obligation(@PathVariable String id,
                                                           @RequestParam(required = false) String asOf,
                                                           @AuthenticationPrincipal Actor actor) {
        String obligationId = Requests.uuid(id, ErrorCode.OBLIGATION_NOT_FOUND);
        return reads.ask(new FetchObligationQuery(obligationId, Requests.instant(asOf, "asOf")), ObligationView.class)
                    .flatMap(o -> access.requireRead(actor, o.unitId()).thenReturn(o))
                    .map(o -> ResponseEntity.ok().eTag(Requests.etag(o.version())).body(o));
    }

    @Operation(summary = "Gửi báo cáo cho một nghĩa vụ (gửi lại sau khi bị trả lại)")
    @ApiResponse(responseCode = "201", description = "Đã gửi (or {id, version} while the view catches up)",
                 content = @Content(schema = @Schema(implementation = ReportView.class)))
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v1/obligations/{id}/reports")
    public Mono<ResponseEntity<Object>> submit(@PathVariable String id, @Valid @RequestBody SubmitReportRequest request,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        String obligationId = Requests.uuid(id, ErrorCode.OBLIGATION_NOT_FOUND);
        Long expected = Requests.ifMatch(ifMatch);
        String reportId = RequestIds.resourceId(exchange);
        return obligation(obligationId)
                .flatMap(o -> access.requireRoleAndScope(actor, o.unitId(), Role.PLANNER, Role.ASSESSOR))
                .then(Mono.defer(() -> commands.send(new SubmitReportCommand(obligationId, reportId, request.toContent(),
                                                                             expected), actor, null, exchange)))
                .flatMap(version -> reads.answer(reportId, version, () -> report(reportId), ReportView::version))
                .map(answer -> ResponseEntity.created(URI.create("/api/v1/reports/" + reportId))
                                             .header(HttpHeaders.ETAG, Requests.etag(answer.version()))
                                             .body(answer.body()));
    }

    @Operation(summary = "Một báo cáo")
    @GetMapping("/api/v1/reports/{id}")
    public Mono<ResponseEntity<ReportView>> get(@PathVariable String id, @RequestParam(required = false) String asOf,
                                                @AuthenticationPrincipal Actor actor) {
        String reportId = Requests.uuid(id, ErrorCode.REPORT_NOT_FOUND);
        return reads.ask(new FetchReportQuery(reportId, Requests.instant(asOf, "asOf")), ReportView.class)
                    .flatMap(r -> access.requireRead(actor, r.unitId()).thenReturn(r))
                    .map(r -> ResponseEntity.ok().eTag(Requests.etag(r.version())).body(r));
    }

    @Operation(summary = "Tiếp nhận báo cáo")
    @PostMapping("/api/v1/reports/{id}/accept")
    public Mono<ResponseEntity<Object>> accept(@PathVariable String id,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        Long expected = Requests.ifMatch(ifMatch);
        return decide(id, actor, null, exchange, r -> new AcceptReportCommand(r.obligationId(), r.id(), expected));
    }

    @Operation(summary = "Trả lại báo cáo để hoàn thiện (có lý do)")
    @PostMapping("/api/v1/reports/{id}/return")
    public Mono<ResponseEntity<Object>> returnReport(@PathVariable String id, @Valid @RequestBody ReasonRequest request,
                                                     @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                     @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        Long expected = Requests.ifMatch(ifMatch);
        return decide(id, actor, request.reason(), exchange,
                      r -> new ReturnReportCommand(r.obligationId(), r.id(), request.reason(), expected));
    }

    private Mono<ResponseEntity<Object>> decide(String id, Actor actor, String reason, ServerWebExchange exchange,
                                                java.util.function.Function<ReportView, Object> command) {
        String reportId = Requests.uuid(id, ErrorCode.REPORT_NOT_FOUND);
        return report(reportId)
                .flatMap(r -> access.requireRoleAndScope(actor, r.issuerUnitId(), Role.PLANNER, Role.REVIEWER)
                                    .then(Mono.defer(() -> commands.send(command.apply(r), actor, reason, exchange))))
                .flatMap(version -> reads.answer(reportId, version, () -> report(reportId), ReportView::version))
                .map(answer -> ResponseEntity.ok().eTag(Requests.etag(answer.version())).body(answer.body()));
    }

    /** Completes when the plan exists (as known at {@code at}) and the caller may read its issuer. */
    private Mono<Void> readablePlan(String planId, Instant at, Actor actor) {
        return reads.ask(new FetchPlanQuery(planId, at), PlanView.class)
                    .flatMap(plan -> access.requireRead(actor, plan.issuerUnitId()));
    }

    private Mono<ObligationView> obligation(String obligationId) {
        return reads.ask(new FetchObligationQuery(obligationId, null), ObligationView.class);
    }

    private Mono<ReportView> report(String reportId) {
        return reads.ask(new FetchReportQuery(reportId, null), ReportView.class);
    }
}
