package vn.xhht.ledger.infrastructure.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.CorrectRecognitionValidityCommand;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.FetchRecognitionQuery;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.FetchValidityReviewQuery;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.ValidityReview;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.FetchUnitRecognitionsQuery;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.GrantRecognitionCommand;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionList;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionView;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RevokeRecognitionCommand;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;
import vn.xhht.ledger.infrastructure.security.Actor;
import vn.xhht.ledger.infrastructure.web.input.FreeText;
import vn.xhht.ledger.infrastructure.security.Role;
import vn.xhht.ledger.infrastructure.web.PlanRequests.ReasonRequest;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

/** Titles granted by decision, and revoked (API.md: Recognitions). A RECOGNIZER in scope of the subject acts. */
@RestController
public class RecognitionController {

    @Schema(description = "Công nhận danh hiệu", example = "{\"title\":\"CONG_DONG_HOC_TAP\",\"subjectUnitId\":\"ap-cho\",\"year\":2023,\"decisionNumber\":\"125/QĐ-UBND\",\"decidedOn\":\"2023-12-15\"}")
    public record GrantRequest(@NotNull Title title, @NotNull @Pattern(regexp = Requests.UNIT_ID) String subjectUnitId,
                               @NotNull @Min(2000) @Max(2100) Integer year,
                               @Pattern(regexp = AssessmentRequests.CODE) String level,
                               @NotBlank @Size(max = 100) String decisionNumber, @NotNull LocalDate decidedOn,
                               @Pattern(regexp = "[0-9a-f-]{36}") String assessmentId) {
    }

    private final Commands commands;
    private final Reads reads;
    private final AccessPolicy access;
    private final PcgdRecognisers recognisers;

    public RecognitionController(Commands commands, Reads reads, AccessPolicy access, PcgdRecognisers recognisers) {
        this.recognisers = recognisers;
        this.commands = commands;
        this.reads = reads;
        this.access = access;
    }

    @Operation(summary = "Công nhận danh hiệu cho một đơn vị")
    @ApiResponse(responseCode = "201", description = "Đã tạo (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = RecognitionView.class)))
    @ResponseStatus(HttpStatus.CREATED) // documents the 201; the ResponseEntity sets it
    @PostMapping("/api/v1/recognitions")
    public Mono<ResponseEntity<Object>> grant(@Valid @RequestBody GrantRequest request, @AuthenticationPrincipal Actor actor,
                                              ServerWebExchange exchange) {
        String id = RequestIds.resourceId(exchange);
        GrantRecognitionCommand command = new GrantRecognitionCommand(
                id, request.title(), request.subjectUnitId(), request.year(), request.level(),
                request.decisionNumber().strip(), request.decidedOn(), request.assessmentId());
        Mono<Void> scope = request.title().universalEducation()
                ? recognisers.requireRecogniser(actor, request.subjectUnitId(), request.title().name(), request.level(),
                                                request.decidedOn())
                : access.requireScope(actor, request.subjectUnitId());
        return access.requireRole(actor, Role.RECOGNIZER).then(scope)
                     .then(Mono.defer(() -> commands.send(command, actor, null, exchange)))
                     .flatMap(version -> reads.answer(id, version, () -> recognition(id), RecognitionView::version))
                     .map(answer -> ResponseEntity.created(URI.create("/api/v1/recognitions/" + id))
                                                  .eTag(Requests.etag(answer.version())).body(answer.body()));
    }

    @Operation(summary = "Thu hồi danh hiệu (có lý do)")
    @ApiResponse(responseCode = "200", description = "Kết quả sau lệnh (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = RecognitionView.class)))
    @PostMapping("/api/v1/recognitions/{id}/revoke")
    public Mono<ResponseEntity<Object>> revoke(@PathVariable String id, @Valid @RequestBody ReasonRequest request,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        String recognitionId = Requests.uuid(id, ErrorCode.RECOGNITION_NOT_FOUND);
        Long expected = Requests.ifMatch(ifMatch);
        return change(recognitionId, Role.RECOGNIZER, new RevokeRecognitionCommand(recognitionId, request.reason(), expected),
                      request.reason(), actor, exchange);
    }

    /** A change to an existing recognition by {@code role} in scope of its subject, answered with the recognition. */
    private Mono<ResponseEntity<Object>> change(String recognitionId, Role role, Object command, String reason, Actor actor,
                                                ServerWebExchange exchange) {
        return recognition(recognitionId)
                .flatMap(view -> access.requireRoleAndScope(actor, view.subjectUnitId(), role))
                .then(Mono.defer(() -> commands.send(command, actor, reason, exchange)))
                .flatMap(version -> reads.answer(recognitionId, version, () -> recognition(recognitionId),
                                                 RecognitionView::version))
                .map(answer -> ResponseEntity.ok().eTag(Requests.etag(answer.version())).body(answer.body()));
    }

    @Operation(summary = "Điều chỉnh thời hạn hiệu lực của một danh hiệu (có lý do)",
               description = "How an administrator acts on GET /recognitions/validity-review after a framework's "
                             + "validity rule was corrected. validThrough: 31 December of a year from the recognition "
                             + "year on. Every year whose figures change must be open (else 409 PERIOD_CLOSED).")
    @ApiResponse(responseCode = "200", description = "Kết quả sau lệnh (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = RecognitionView.class)))
    @PostMapping("/api/v1/recognitions/{id}/correct-validity")
    public Mono<ResponseEntity<Object>> correctValidity(@PathVariable String id, @Valid @RequestBody ValidityRequest request,
                                                        @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                        @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        String recognitionId = Requests.uuid(id, ErrorCode.RECOGNITION_NOT_FOUND);
        Long expected = Requests.ifMatch(ifMatch);
        return change(recognitionId, Role.ADMIN, new CorrectRecognitionValidityCommand(
                recognitionId, request.validThrough(), request.reason(), expected), request.reason(), actor, exchange);
    }

    @Operation(summary = "Rà soát thời hạn danh hiệu theo phiên bản mới nhất của bộ tiêu chí",
               description = "Recognitions granted under an earlier version of the framework, not revoked, whose "
                             + "validThrough differs from what the latest version's validityYears gives. Nothing is "
                             + "changed by reading it; an administrator acts on each with correct-validity.")
    @GetMapping("/api/v1/recognitions/validity-review")
    public Mono<ValidityReview> validityReview(@RequestParam String framework, @AuthenticationPrincipal Actor actor) {
        FetchValidityReviewQuery query = new FetchValidityReviewQuery(Requests.frameworkCode(framework, "framework"));
        return access.requireRole(actor, Role.ADMIN, Role.AUDITOR).then(reads.ask(query, ValidityReview.class));
    }

    /** The last day a title counts, with why. */
    @Schema(description = "Thời hạn hiệu lực mới của danh hiệu và lý do",
            example = "{\"validThrough\":\"2023-12-31\",\"reason\":\"TT 22/2020 xếp loại hằng năm (bộ tiêu chí phiên bản 2)\"}")
    public record ValidityRequest(@NotNull LocalDate validThrough, @NotBlank @FreeText @Size(max = 2000) String reason) {
    }

    @Operation(summary = "Một quyết định công nhận")
    @GetMapping("/api/v1/recognitions/{id}")
    public Mono<RecognitionView> get(@PathVariable String id, @RequestParam(required = false) String asOf,
                                     @AuthenticationPrincipal Actor actor) {
        FetchRecognitionQuery query = new FetchRecognitionQuery(Requests.uuid(id, ErrorCode.RECOGNITION_NOT_FOUND),
                                                                Requests.instant(asOf, "asOf"));
        return reads.ask(query, RecognitionView.class)
                .flatMap(view -> access.requireRead(actor, view.subjectUnitId()).thenReturn(view));
    }

    @Operation(summary = "Danh hiệu của một đơn vị")
    @GetMapping("/api/v1/units/{id}/recognitions")
    public Mono<RecognitionList> ofUnit(@PathVariable String id, @RequestParam(required = false) Integer year,
                                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                        @RequestParam(required = false) String asOf,
                                        @AuthenticationPrincipal Actor actor) {
        Requests.unitId(id);
        FetchUnitRecognitionsQuery query = new FetchUnitRecognitionsQuery(id, year, on, Requests.instant(asOf, "asOf"));
        return access.requireRead(actor, id).then(reads.ask(query, RecognitionList.class));
    }

    private Mono<RecognitionView> recognition(String id) {
        return reads.ask(new FetchRecognitionQuery(id), RecognitionView.class);
    }

}
