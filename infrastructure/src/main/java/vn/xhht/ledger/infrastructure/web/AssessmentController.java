package vn.xhht.ledger.infrastructure.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

import java.time.Clock;

import vn.xhht.ledger.domain.common.ProgrammeTime;

import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentStatus;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentView;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.Conclusion;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.FetchAssessmentQuery;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.FetchAssessmentsQuery;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.OpenAssessmentCommand;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.ReturnAssessmentCommand;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.ReviewAssessmentCommand;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.SubmitAssessmentCommand;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.UpdateAssessmentScoresCommand;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Page;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitSubtreeQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitSubtreeView;
import vn.xhht.ledger.infrastructure.security.Actor;
import vn.xhht.ledger.infrastructure.security.Role;
import vn.xhht.ledger.infrastructure.web.AssessmentRequests.AdjustmentBody;
import vn.xhht.ledger.infrastructure.web.AssessmentRequests.OpenAssessmentRequest;
import vn.xhht.ledger.infrastructure.web.AssessmentRequests.ReviewRequest;
import vn.xhht.ledger.infrastructure.web.AssessmentRequests.ScoreBody;
import vn.xhht.ledger.infrastructure.web.AssessmentRequests.ScoresRequest;
import vn.xhht.ledger.infrastructure.web.PlanRequests.ReasonRequest;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static vn.xhht.ledger.infrastructure.web.PlanRequests.map;

/**
 * Self-assessments and their review (API.md: Self-assessments). An ASSESSOR in scope of the subject opens, scores and
 * submits; a REVIEWER in scope returns and reviews.
 */
@RestController
@RequestMapping("/api/v1/assessments")
public class AssessmentController {

    private final Commands commands;
    private final Reads reads;
    private final AccessPolicy access;

    private final Clock clock;

    public AssessmentController(Commands commands, Reads reads, AccessPolicy access, Clock clock) {
        this.clock = clock;
        this.commands = commands;
        this.reads = reads;
        this.access = access;
    }

    @Operation(summary = "Mở bản tự đánh giá theo khung tiêu chí")
    @ApiResponse(responseCode = "201", description = "Đã tạo (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = AssessmentView.class)))
    @ResponseStatus(HttpStatus.CREATED) // documents the 201; the ResponseEntity sets it
    @PostMapping
    public Mono<ResponseEntity<Object>> open(@Valid @RequestBody OpenAssessmentRequest request,
                                             @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        String id = RequestIds.resourceId(exchange);
        OpenAssessmentCommand command = new OpenAssessmentCommand(
                id, request.subjectUnitId(), request.framework(), request.frameworkVersion(), request.year(),
                request.level(), map(request.scores(), ScoreBody::toScore));
        return access.requireRoleAndScope(actor, request.subjectUnitId(), Role.ASSESSOR)
                     .then(commands.send(command, actor, null, exchange))
                     .flatMap(version -> reads.answer(id, version, () -> assessment(id), AssessmentView::version))
                     .map(answer -> ResponseEntity.created(URI.create("/api/v1/assessments/" + id))
                                                  .header(HttpHeaders.ETAG, Requests.etag(answer.version()))
                                                  .body(answer.body()));
    }

    @Operation(summary = "Ghi điểm tự đánh giá")
    @ApiResponse(responseCode = "200", description = "Kết quả sau lệnh (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = AssessmentView.class)))
    @PutMapping("/{id}/scores")
    public Mono<ResponseEntity<Object>> scores(@PathVariable String id, @Valid @RequestBody ScoresRequest request,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        Long expected = Requests.ifMatch(ifMatch);
        return change(id, actor, Role.ASSESSOR, null, exchange, assessmentId -> new UpdateAssessmentScoresCommand(
                assessmentId, map(request.scores(), ScoreBody::toScore), expected));
    }

    @Operation(summary = "Nộp bản tự đánh giá")
    @ApiResponse(responseCode = "200", description = "Kết quả sau lệnh (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = AssessmentView.class)))
    @PostMapping("/{id}/submit")
    public Mono<ResponseEntity<Object>> submit(@PathVariable String id,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        Long expected = Requests.ifMatch(ifMatch);
        return change(id, actor, Role.ASSESSOR, null, exchange, assessmentId -> new SubmitAssessmentCommand(assessmentId, expected));
    }

    @Operation(summary = "Trả lại bản tự đánh giá để hoàn thiện (có lý do)")
    @ApiResponse(responseCode = "200", description = "Kết quả sau lệnh (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = AssessmentView.class)))
    @PostMapping("/{id}/return")
    public Mono<ResponseEntity<Object>> returnForCompletion(@PathVariable String id, @Valid @RequestBody ReasonRequest request,
                                                            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                            @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        Long expected = Requests.ifMatch(ifMatch);
        return change(id, actor, Role.REVIEWER, request.reason(), exchange,
                      assessmentId -> new ReturnAssessmentCommand(assessmentId, request.reason(), expected));
    }

    @Operation(summary = "Thẩm định: điều chỉnh (có lý do) và kết luận")
    @ApiResponse(responseCode = "200", description = "Kết quả sau lệnh (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = AssessmentView.class)))
    @PostMapping("/{id}/review")
    public Mono<ResponseEntity<Object>> review(@PathVariable String id, @Valid @RequestBody ReviewRequest request,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        Long expected = Requests.ifMatch(ifMatch);
        List<AdjustmentBody> adjustments = request.adjustments() == null ? List.of() : request.adjustments();
        String reasons = String.join("; ", adjustments.stream().map(AdjustmentBody::reason).toList());
        return change(id, actor, Role.REVIEWER, reasons.isEmpty() ? null : reasons, exchange,
                      assessmentId -> new ReviewAssessmentCommand(
                              assessmentId, adjustments.stream().map(AdjustmentBody::toAdjustment).toList(),
                              new Conclusion(request.conclusion().result(), request.conclusion().level()), expected));
    }

    @Operation(summary = "Một bản đánh giá")
    @GetMapping("/{id}")
    public Mono<ResponseEntity<AssessmentView>> get(@PathVariable String id, @RequestParam(required = false) String asOf,
                                                    @AuthenticationPrincipal Actor actor) {
        FetchAssessmentQuery query = new FetchAssessmentQuery(Requests.uuid(id, ErrorCode.ASSESSMENT_NOT_FOUND),
                                                              Requests.instant(asOf, "asOf"));
        return reads.ask(query, AssessmentView.class)
                .flatMap(view -> access.requireRead(actor, view.subjectUnitId()).thenReturn(view))
                .map(view -> ResponseEntity.ok().eTag(Requests.etag(view.version())).body(view));
    }

    /**
     * Assessments of the units in {@code unitId}'s subtree as it stood {@code on} a date (default today), as they stand
     * or stood at {@code asOf}.
     */
    @Operation(summary = "Các bản đánh giá trong phạm vi một đơn vị")
    @GetMapping
    @SuppressWarnings("unchecked")
    public Mono<Page<AssessmentView>> list(@RequestParam String unitId, @RequestParam(required = false) Integer year,
                                           @RequestParam(required = false) AssessmentStatus status,
                                           @RequestParam(required = false) Boolean overdue,
                                           @RequestParam(required = false) Integer limit,
                                           @RequestParam(required = false) String cursor,
                                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                           @RequestParam(required = false) String asOf,
                                           @AuthenticationPrincipal Actor actor) {
        Requests.unitId(unitId);
        int size = Requests.limit(limit);
        java.time.Instant asOfInstant = Requests.instant(asOf, "asOf");
        return access.requireRead(actor, unitId)
                     .then(reads.ask(new FetchUnitSubtreeQuery(unitId, on == null ? ProgrammeTime.today(clock) : on),
                                     UnitSubtreeView.class))
                     .flatMap(subtree -> reads.ask(new FetchAssessmentsQuery(subtree.unitIds(), year, status, overdue,
                                                                             size, cursor, asOfInstant), Page.class))
                     .map(page -> (Page<AssessmentView>) page);
    }

    private Mono<ResponseEntity<Object>> change(String id, Actor actor, Role role, String reason,
                                                ServerWebExchange exchange, Function<String, Object> command) {
        String assessmentId = Requests.uuid(id, ErrorCode.ASSESSMENT_NOT_FOUND);
        return assessment(assessmentId)
                .flatMap(view -> access.requireRoleAndScope(actor, view.subjectUnitId(), role))
                .then(Mono.defer(() -> commands.send(command.apply(assessmentId), actor, reason, exchange)))
                .flatMap(version -> reads.answer(assessmentId, version, () -> assessment(assessmentId), AssessmentView::version))
                .map(answer -> ResponseEntity.ok().eTag(Requests.etag(answer.version())).body(answer.body()));
    }

    private Mono<AssessmentView> assessment(String id) {
        return reads.ask(new FetchAssessmentQuery(id), AssessmentView.class);
    }


}
