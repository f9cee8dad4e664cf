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
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.FetchIndicatorCatalogueQuery;
import vn.xhht.ledger.domain.figures.FigureMessages;
import vn.xhht.ledger.domain.figures.FigureMessages.Baseline;
import vn.xhht.ledger.domain.figures.FigureMessages.BaselineView;
import vn.xhht.ledger.domain.figures.FigureMessages.FetchBaselineQuery;
import vn.xhht.ledger.domain.figures.FigureMessages.FetchRecognitionBatchQuery;
import vn.xhht.ledger.domain.figures.FigureMessages.FetchRecognitionBatchesQuery;
import vn.xhht.ledger.domain.figures.FigureMessages.RecognitionBatchList;
import vn.xhht.ledger.domain.figures.FigureMessages.FetchReportedValueQuery;
import vn.xhht.ledger.domain.figures.FigureMessages.RecognitionBatchView;
import vn.xhht.ledger.domain.figures.FigureMessages.RecordRecognitionBatchCommand;
import vn.xhht.ledger.domain.figures.FigureMessages.ReportIndicatorValueCommand;
import vn.xhht.ledger.domain.figures.FigureMessages.ReportedValueView;
import vn.xhht.ledger.domain.figures.FigureMessages.SetBaselineCommand;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;
import vn.xhht.ledger.infrastructure.security.Actor;
import vn.xhht.ledger.infrastructure.security.Role;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

/** Baselines, recognition batches and survey-based indicator values (API.md: Units, Recognitions, Indicators). */
@RestController
public class FigureController {

    private static final long MAX_COUNT = 1_000_000_000L;

    @Schema(description = "Số liệu nền của năm", example = "{\"households\":1250,\"clans\":12,\"villages\":8,\"organisations\":15,\"citizens\":4300,\"workingAgePeople\":3100}")
    public record BaselineRequest(@PositiveOrZero @Max(MAX_COUNT) Long households, @PositiveOrZero @Max(MAX_COUNT) Long clans,
                                  @PositiveOrZero @Max(MAX_COUNT) Long villages, @PositiveOrZero @Max(MAX_COUNT) Long organisations,
                                  @PositiveOrZero @Max(MAX_COUNT) Long citizens,
                                  @PositiveOrZero @Max(MAX_COUNT) Long workingAgePeople) {
    }

    @Schema(description = "Đợt công nhận", example = "{\"unitId\":\"ap-cho\",\"title\":\"GIA_DINH_HOC_TAP\",\"year\":2023,\"count\":350,\"decisionNumber\":\"98/QĐ-UBND\",\"decidedOn\":\"2023-12-10\"}")
    public record BatchRequest(@NotNull @Pattern(regexp = Requests.UNIT_ID) String unitId, @NotNull Title title,
                               @NotNull @Min(2000) @Max(2100) Integer year, @NotNull @Min(1) @Max(MAX_COUNT) Long count,
                               @NotBlank @Size(max = 100) String decisionNumber, @NotNull LocalDate decidedOn) {
    }

    @Schema(description = "Giá trị chỉ số từ khảo sát", example = "{\"indicator\":\"INFO_LITERACY\",\"year\":2023,\"numerator\":850,\"denominator\":1200,\"source\":\"Khảo sát hộ gia đình tháng 10/2023\"}")
    public record IndicatorValueRequest(@NotNull @Pattern(regexp = Requests.INDICATOR_CODE) String indicator,
                                        @NotNull @Min(2000) @Max(2100) Integer year,
                                        @NotNull @PositiveOrZero @Max(MAX_COUNT) Long numerator,
                                        @NotNull @PositiveOrZero @Max(MAX_COUNT) Long denominator,
                                        @NotBlank @Size(max = 500) String source) {
    }

    private final Commands commands;
    private final Reads reads;
    private final AccessPolicy access;

    public FigureController(Commands commands, Reads reads, AccessPolicy access) {
        this.commands = commands;
        this.reads = reads;
        this.access = access;
    }

    @Operation(summary = "Ghi số liệu nền (mẫu số) của đơn vị cho một năm")
    @ApiResponse(responseCode = "200", description = "Kết quả sau lệnh (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = BaselineView.class)))
    @PutMapping("/api/v1/units/{id}/baselines/{year}")
    public Mono<ResponseEntity<Object>> setBaseline(@PathVariable String id, @PathVariable int year,
                                                    @Valid @RequestBody BaselineRequest request,
                                                    @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        Requests.unitId(id);
        Requests.year(year);
        if (request.households() == null && request.clans() == null && request.villages() == null
                && request.organisations() == null && request.citizens() == null && request.workingAgePeople() == null) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "baseline", "A baseline sets at least one figure");
        }
        Baseline baseline = new Baseline(request.households(), request.clans(), request.villages(),
                                         request.organisations(), request.citizens(), request.workingAgePeople());
        return access.requireRoleAndScope(actor, id, Role.PLANNER, Role.ADMIN)
                     .then(commands.send(new SetBaselineCommand(FigureMessages.baselineId(id, year), id, year, baseline),
                                         actor, null, exchange))
                     .flatMap(version -> reads.answer(id, version, () -> reads.ask(new FetchBaselineQuery(id, year),
                                                                                    BaselineView.class), BaselineView::version))
                     .map(answer -> ResponseEntity.ok().eTag(Requests.etag(answer.version())).body(answer.body()));
    }

    @Operation(summary = "Số liệu nền của đơn vị cho một năm")
    @GetMapping("/api/v1/units/{id}/baselines/{year}")
    public Mono<BaselineView> baseline(@PathVariable String id, @PathVariable int year,
                                       @RequestParam(required = false) String asOf, @AuthenticationPrincipal Actor actor) {
        Requests.unitId(id);
        Requests.year(year);
        FetchBaselineQuery query = new FetchBaselineQuery(id, year, Requests.instant(asOf, "asOf"));
        return access.requireRead(actor, id).then(reads.ask(query, BaselineView.class));
    }

    @Operation(summary = "Ghi một đợt công nhận (số hộ, dòng họ, công dân được công nhận)")
    @ApiResponse(responseCode = "201", description = "Đã tạo (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = RecognitionBatchView.class)))
    @ResponseStatus(HttpStatus.CREATED) // documents the 201; the ResponseEntity sets it
    @PostMapping("/api/v1/recognition-batches")
    public Mono<ResponseEntity<Object>> recordBatch(@Valid @RequestBody BatchRequest request, @AuthenticationPrincipal Actor actor,
                                                    ServerWebExchange exchange) {
        String batchId = RequestIds.resourceId(exchange);
        return access.requireRoleAndScope(actor, request.unitId(), Role.RECOGNIZER)
                     .then(commands.send(new RecordRecognitionBatchCommand(batchId, request.unitId(), request.title(),
                                                                           request.year(), request.count(),
                                                                           request.decisionNumber().strip(), request.decidedOn()),
                                         actor, null, exchange))
                     .flatMap(version -> reads.answer(batchId, version, () -> batch(batchId), RecognitionBatchView::version))
                     .map(answer -> ResponseEntity.created(URI.create("/api/v1/recognition-batches/" + batchId))
                                                  .eTag(Requests.etag(answer.version())).body(answer.body()));
    }

    @Operation(summary = "Một đợt công nhận")
    @GetMapping("/api/v1/recognition-batches/{id}")
    public Mono<RecognitionBatchView> batch(@PathVariable String id, @RequestParam(required = false) String asOf,
                                            @AuthenticationPrincipal Actor actor) {
        FetchRecognitionBatchQuery query = new FetchRecognitionBatchQuery(Requests.uuid(id, ErrorCode.NOT_FOUND),
                                                                          Requests.instant(asOf, "asOf"));
        return reads.ask(query, RecognitionBatchView.class)
                .flatMap(view -> access.requireRead(actor, view.unitId()).thenReturn(view));
    }

    @Operation(summary = "Các đợt công nhận của một đơn vị (theo năm), theo ngày quyết định")
    @GetMapping("/api/v1/units/{id}/recognition-batches")
    public Mono<RecognitionBatchList> batches(@PathVariable String id, @RequestParam(required = false) Integer year,
                                              @RequestParam(required = false) String asOf,
                                              @AuthenticationPrincipal Actor actor) {
        Requests.unitId(id);
        if (year != null) {
            Requests.year(year);
        }
        FetchRecognitionBatchesQuery query = new FetchRecognitionBatchesQuery(id, year, Requests.instant(asOf, "asOf"));
        return access.requireRead(actor, id).then(reads.ask(query, RecognitionBatchList.class));
    }

    @Operation(summary = "Báo cáo giá trị chỉ số từ khảo sát")
    @ApiResponse(responseCode = "200", description = "Kết quả sau lệnh (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = ReportedValueView.class)))
    @PostMapping("/api/v1/units/{id}/indicator-values")
    public Mono<ResponseEntity<Object>> reportValue(@PathVariable String id, @Valid @RequestBody IndicatorValueRequest request,
                                                    @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        Requests.unitId(id);
        return access.requireRoleAndScope(actor, id, Role.PLANNER, Role.ADMIN)
                     .then(reported(request.indicator()))
                     .then(commands.send(new ReportIndicatorValueCommand(
                             FigureMessages.reportedValueId(id, request.indicator(), request.year()), id, request.indicator(),
                             request.year(), request.numerator(), request.denominator(), request.source().strip()),
                                         actor, null, exchange))
                     .flatMap(version -> reads.answer(id, version, () -> reads.ask(
                             new FetchReportedValueQuery(id, request.indicator(), request.year()), ReportedValueView.class),
                                                      ReportedValueView::version))
                     .map(answer -> ResponseEntity.ok().eTag(Requests.etag(answer.version())).body(answer.body()));
    }

    /** A value can be reported only for an indicator of the catalogue whose figures come from surveys. */
    private Mono<Void> reported(String indicator) {
        return reads.ask(new FetchIndicatorCatalogueQuery(), IndicatorCatalogue.class)
                    .flatMap(catalogue -> catalogue.indicators().stream()
                                                   .filter(d -> d.code().equals(indicator)
                                                           && d.numerator().kind() == IndicatorCatalogue.Quantity.Kind.REPORTED)
                                                   .findFirst()
                                                   .map(d -> Mono.<Void>empty())
                                                   .orElseGet(() -> Mono.error(new DomainException(
                                                           ErrorCode.VALIDATION_FAILED, "indicator",
                                                           "Not a survey-reported indicator of the catalogue: " + indicator))));
    }

    @Operation(summary = "Giá trị chỉ số đã báo cáo")
    @GetMapping("/api/v1/units/{id}/indicator-values")
    public Mono<ReportedValueView> reportedValue(@PathVariable String id, @RequestParam String indicator,
                                                 @RequestParam int year, @RequestParam(required = false) String asOf,
                                                 @AuthenticationPrincipal Actor actor) {
        Requests.unitId(id);
        Requests.year(year);
        if (!indicator.matches(Requests.INDICATOR_CODE)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "indicator", "An indicator code such as INFO_LITERACY");
        }
        FetchReportedValueQuery query = new FetchReportedValueQuery(id, indicator, year, Requests.instant(asOf, "asOf"));
        return access.requireRead(actor, id).then(reads.ask(query, ReportedValueView.class));
    }

    private Mono<RecognitionBatchView> batch(String batchId) {
        return reads.ask(new FetchRecognitionBatchQuery(batchId), RecognitionBatchView.class);
    }

}
