package vn.xhht.ledger.infrastructure.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.ProgrammeTime;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.FrameworkMessages.FetchFrameworkVersionQuery;
import vn.xhht.ledger.domain.pcgd.PcgdCycle;
import vn.xhht.ledger.domain.pcgd.PcgdMessages;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.FetchSurveyQuery;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.LevelsView;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.LockSurveyCommand;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.RecordSurveyCommand;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.SurveyView;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.UnlockSurveyCommand;
import vn.xhht.ledger.domain.pcgd.Standards;
import vn.xhht.ledger.domain.pcgd.Survey;
import vn.xhht.ledger.domain.unit.UnitKind;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.FetchUnitRecognitionsQuery;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionList;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionView;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitChildrenQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitChildrenView;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitView;
import vn.xhht.ledger.infrastructure.exchange.Spreadsheets;
import vn.xhht.ledger.infrastructure.security.Actor;
import vn.xhht.ledger.infrastructure.security.Role;
import vn.xhht.ledger.infrastructure.web.PlanRequests.ReasonRequest;
import vn.xhht.ledger.infrastructure.web.input.FreeText;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Universal education and literacy (API.md: PCGD-XMC): a commune's survey for a data year — recorded by the commune's
 * PLANNER, locked by it at the reference date, unlocked by a higher level (a PLANNER or ADMIN whose scope covers the
 * commune's parent) — and the levels its survey reaches under each standard, every ratio shown.
 */
@RestController
public class PcgdController {

    /** The standards, in the order they are shown. */
    static final List<String> STANDARDS = List.of("ND20-2014-XMC", "ND20-2014-PCGD-MN5", "ND20-2014-PCGD-TH",
                                                  "ND20-2014-PCGD-THCS");

    private final Commands commands;
    private final Reads reads;
    private final AccessPolicy access;
    private final KnownUnits units;
    private final Clock clock;
    private final PcgdRecognisers recognisers;

    public PcgdController(Commands commands, Reads reads, AccessPolicy access, KnownUnits units, Clock clock,
                          PcgdRecognisers recognisers) {
        this.recognisers = recognisers;
        this.commands = commands;
        this.reads = reads;
        this.access = access;
        this.units = units;
        this.clock = clock;
    }

    @Schema(description = "Số liệu điều tra PCGD-XMC của xã", example = "{\"figures\":{\"people15to60\":4000,\"people15to60LiterateL2\":3600,\"children5\":200,\"children5Attending\":190,\"children5CompletedPreschool\":170},\"dbkk\":false,\"conditionsMet\":{\"ND20-2014-XMC\":true,\"ND20-2014-PCGD-MN5\":true}}")
    public record SurveyRequest(@NotNull @Size(max = 40) Map<@Pattern(regexp = "[a-zA-Z0-9]{1,64}") String,
                                        @NotNull @Min(-1_000_000_000L) @Max(1_000_000_000L) Long> figures,
                                @NotNull Boolean dbkk, @FreeText @Size(max = 500) String dbkkSource,
                                @NotNull @Size(max = 10) Map<@Pattern(regexp = AssessmentRequests.CODE) String, @NotNull Boolean> conditionsMet) {
    }

    @Operation(summary = "Ghi số liệu điều tra PCGD-XMC của xã cho năm dữ liệu (thay thế; cùng số liệu thì không ghi gì)")
    @ApiResponse(responseCode = "200", description = "Kết quả sau lệnh (or {id, version} while the view catches up)",
                 content = @Content(schema = @Schema(implementation = SurveyView.class)))
    @PutMapping("/api/v1/units/{id}/pcgd-surveys/{year}")
    public Mono<ResponseEntity<Object>> record(@PathVariable String id, @PathVariable int year,
                                               @Valid @RequestBody SurveyRequest request,
                                               @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        Requests.unitId(id);
        Requests.year(year);
        Survey survey = new Survey(request.figures(), request.dbkk(), request.conditionsMet());
        return access.requireRoleAndScope(actor, id, Role.PLANNER, Role.ADMIN)
                     .then(commands.send(new RecordSurveyCommand(PcgdMessages.surveyId(id, year), id, year, survey,
                                                                 request.dbkkSource() == null || request.dbkkSource().isBlank()
                                                                         ? null : request.dbkkSource().strip()),
                                         actor, null, exchange))
                     .flatMap(version -> answer(id, year, version));
    }

    @Operation(summary = "Số liệu điều tra PCGD-XMC của xã")
    @GetMapping("/api/v1/units/{id}/pcgd-surveys/{year}")
    public Mono<ResponseEntity<SurveyView>> survey(@PathVariable String id, @PathVariable int year,
                                                   @RequestParam(required = false) String asOf,
                                                   @AuthenticationPrincipal Actor actor) {
        Requests.unitId(id);
        Requests.year(year);
        Instant at = Requests.instant(asOf, "asOf");
        return access.requireRead(actor, id)
                     .then(reads.ask(new FetchSurveyQuery(id, year, at), SurveyView.class))
                     .map(view -> ResponseEntity.ok().eTag(Requests.etag(view.version())).body(view));
    }

    @Operation(summary = "Khóa số liệu điều tra (chốt số liệu ngày 30/9), có lý do")
    @PostMapping("/api/v1/units/{id}/pcgd-surveys/{year}/lock")
    public Mono<ResponseEntity<Object>> lock(@PathVariable String id, @PathVariable int year,
                                             @Valid @RequestBody ReasonRequest request,
                                             @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        Requests.unitId(id);
        Requests.year(year);
        return access.requireRoleAndScope(actor, id, Role.PLANNER, Role.ADMIN)
                     .then(commands.send(new LockSurveyCommand(PcgdMessages.surveyId(id, year), request.reason()),
                                         actor, request.reason(), exchange))
                     .flatMap(version -> answer(id, year, version));
    }

    @Operation(summary = "Mở khóa số liệu điều tra (cấp trên), có lý do")
    @PostMapping("/api/v1/units/{id}/pcgd-surveys/{year}/unlock")
    public Mono<ResponseEntity<Object>> unlock(@PathVariable String id, @PathVariable int year,
                                               @Valid @RequestBody ReasonRequest request,
                                               @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        Requests.unitId(id);
        Requests.year(year);
        LocalDate today = ProgrammeTime.today(clock);
        return access.requireRole(actor, Role.PLANNER, Role.ADMIN)
                     .then(units.requireExists(id))
                     .then(reads.ask(new FetchUnitQuery(id, today), UnitView.class))
                     // a higher level: the caller's scope must cover the commune's parent, not the commune alone
                     .flatMap(unit -> access.requireScope(actor, unit.parentId()))
                     .then(Mono.defer(() -> commands.send(new UnlockSurveyCommand(PcgdMessages.surveyId(id, year),
                                                                                  request.reason()),
                                                          actor, request.reason(), exchange)))
                     .flatMap(version -> answer(id, year, version));
    }

    @Operation(summary = "Mức độ đạt chuẩn PCGD-XMC của xã theo số liệu điều tra, với từng tỷ lệ")
    @GetMapping("/api/v1/units/{id}/pcgd-levels")
    public Mono<LevelsView> levels(@PathVariable String id, @RequestParam int year,
                                   @RequestParam(required = false) String asOf, @AuthenticationPrincipal Actor actor) {
        return levelsWithChildren(id, year, asOf, actor).map(Levels::view);
    }

    /** A unit's levels, and for a district or province the children they are counted over, each with its levels. */
    private record Levels(LevelsView view, List<ChildLevels> children) {
    }

    private Mono<Levels> levelsWithChildren(String id, int year, String asOf, Actor actor) {
        Requests.unitId(id);
        Requests.year(year);
        Instant at = Requests.instant(asOf, "asOf");
        Mono<List<CriteriaFramework>> standards = Flux.fromIterable(STANDARDS)
                .concatMap(code -> reads.ask(new FetchFrameworkVersionQuery(code, null, at), CriteriaFramework.class))
                .collectList();
        return units.requireExists(id).then(access.requireRead(actor, id))
                    .then(Mono.zip(reads.ask(new FetchUnitQuery(id, LocalDate.of(year, 12, 31), at), UnitView.class),
                                   recognisers.cycle().map(java.util.Optional::of)
                                              .onErrorResume(DomainException.class, e -> e.code() == ErrorCode.NOT_FOUND
                                                      ? Mono.just(java.util.Optional.empty()) : Mono.error(e))))
                    .flatMap(found -> {
                        UnitView unit = found.getT1();
                        Mono<Levels> levels = switch (unit.kind()) {
                            case COMMUNE -> Mono.zip(reads.ask(new FetchSurveyQuery(id, year, at), SurveyView.class), standards)
                                                .map(survey -> new Levels(evaluate(survey.getT1(), survey.getT2()), List.of()));
                            case DISTRICT, PROVINCE -> standards.flatMap(list -> rollUp(unit, year, at, list));
                            default -> Mono.error(new DomainException(ErrorCode.INVALID_HIERARCHY, "unitId",
                                    "Universal-education levels are a commune's, a district's or a province's; " + id
                                            + " is a " + unit.kind()));
                        };
                        return levels.map(l -> found.getT2()
                                .map(cycle -> new Levels(withCycle(l.view(), unit.kind(), cycle), l.children())).orElse(l));
                    });
    }

    /** The levels with the reference date of the unit's figures and who recognises such a unit's levels on that day. */
    private static LevelsView withCycle(LevelsView view, UnitKind kind, PcgdCycle cycle) {
        LocalDate referenceDate = cycle.referenceDate(kind, view.year()).orElse(LocalDate.of(view.year(), 12, 31));
        var recogniser = cycle.recogniserOn(kind, null, null, referenceDate);
        return new LevelsView(view.unitId(), view.year(), view.dbkk(), referenceDate,
                              recogniser.map(PcgdCycle.Recogniser::by).orElse(null),
                              recogniser.map(PcgdCycle.Recogniser::authority).orElse(null), view.items());
    }

    /** A child counted in a district's or province's levels, with its highest recognised level per standard. */
    record ChildLevels(UnitView unit, Map<String, String> highest) {
    }

    /**
     * The children a district's or province's levels are counted over (as the hierarchy stood at the year's end: a
     * district's communes; a province's districts, or its communes where it has none), each with the highest level of
     * every standard it was recognised at that year (not revoked).
     */
    private Mono<List<ChildLevels>> childLevels(UnitView unit, int year, Instant at, List<CriteriaFramework> standards) {
        return reads.ask(new FetchUnitChildrenQuery(unit.id(), LocalDate.of(year, 12, 31), at), UnitChildrenView.class)
                    .map(children -> {
                        UnitKind counted = Standards.countedChildren(unit.kind(),
                                                                     children.items().stream().map(UnitView::kind).toList());
                        return children.items().stream().filter(c -> c.kind() == counted).toList();
                    })
                    .flatMapMany(Flux::fromIterable)
                    .concatMap(child -> reads.ask(new FetchUnitRecognitionsQuery(child.id(), year, null, at), RecognitionList.class)
                                             .map(list -> {
                                                 Map<String, String> highest = new HashMap<>();
                                                 for (CriteriaFramework standard : standards) {
                                                     highest.put(standard.code(), Standards.highest(standard, list.items().stream()
                                                             .filter(r -> !r.revoked() && r.title().name().equals(standard.subjectTitle()))
                                                             .map(RecognitionView::level).toList()));
                                                 }
                                                 return new ChildLevels(child, highest);
                                             }))
                    .collectList();
    }

    /** A district's or province's levels: per standard, the share of its children recognised at each level or higher. */
    private Mono<Levels> rollUp(UnitView unit, int year, Instant at, List<CriteriaFramework> standards) {
        return childLevels(unit, year, at, standards).map(children -> {
            List<Standards.Outcome> outcomes = new ArrayList<>();
            for (CriteriaFramework standard : standards) {
                List<String> highest = children.stream().map(c -> c.highest().get(standard.code())).toList();
                outcomes.add(Standards.rollUp(standard, unit.kind().name(), highest));
            }
            return new Levels(new LevelsView(unit.id(), year, false, null, null, null, outcomes), children);
        });
    }

    @Operation(summary = "Xuất mức độ đạt chuẩn PCGD-XMC (.xlsx): từng tỷ lệ; với huyện, tỉnh cả mức đã công nhận của từng đơn vị trực thuộc")
    @GetMapping(path = "/api/v1/units/{id}/pcgd-levels", params = "format")
    public Mono<ResponseEntity<byte[]>> export(@PathVariable String id, @RequestParam int year, @RequestParam String format,
                                               @RequestParam(required = false) String asOf,
                                               @AuthenticationPrincipal Actor actor) {
        if (!"xlsx".equals(format)) {
            throw new RequestRefusedException(ErrorCode.VALIDATION_FAILED, "format", "format is xlsx");
        }
        return levelsWithChildren(id, year, asOf, actor)
                .publishOn(reactor.core.scheduler.Schedulers.boundedElastic()) // the workbook is written off the event loop
                .map(levels -> workbook(levels.view(), levels.children()))
                .map(bytes -> ResponseEntity.ok()
                        .contentType(org.springframework.http.MediaType.parseMediaType(Spreadsheets.XLSX))
                        .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                                org.springframework.http.ContentDisposition.attachment()
                                        .filename("pho-cap-" + id + "-" + year + ".xlsx").build().toString())
                        .body(bytes));
    }

    private static byte[] workbook(LevelsView levels, List<ChildLevels> children) {
        var workbook = Spreadsheets.workbook();
        var sheet = workbook.createSheet("Mức độ đạt chuẩn");
        Spreadsheets.row(sheet, 0, List.of("Mức độ đạt chuẩn phổ cập giáo dục, xóa mù chữ năm " + levels.year() + " — "
                + levels.unitId() + (levels.dbkk() ? " (xã có điều kiện kinh tế - xã hội đặc biệt khó khăn)" : "")));
        Spreadsheets.row(sheet, 1, java.util.Arrays.asList("Số liệu chốt ngày", levels.referenceDate(), "Cấp công nhận",
                                                           levels.recognisingAuthority()));
        Spreadsheets.header(workbook, sheet, 2, List.of("Tiêu chuẩn", "Kết quả", "Mức", "Chỉ tiêu", "Tử số", "Mẫu số",
                                                        "Tỷ lệ (%)", "Tối thiểu (%)", "Đạt"));
        int r = 3;
        for (Standards.Outcome outcome : levels.items()) {
            for (Standards.Check check : outcome.checks()) {
                Spreadsheets.row(sheet, r++, java.util.Arrays.asList(outcome.framework(), outcome.result(), check.level(),
                        check.indicator(), check.numerator(), check.denominator(), check.value(), check.min(),
                        check.met() ? "Đạt" : "Chưa đạt"));
            }
        }
        if (!children.isEmpty()) {
            var units = workbook.createSheet("Đơn vị trực thuộc");
            List<String> header = new ArrayList<>(List.of("Mã đơn vị", "Tên đơn vị"));
            header.addAll(STANDARDS);
            Spreadsheets.header(workbook, units, 0, header);
            int u = 1;
            for (ChildLevels child : children) {
                List<Object> row = new ArrayList<>(List.of(child.unit().id(), child.unit().name()));
                STANDARDS.forEach(code -> row.add(child.highest().get(code) == null ? "Chưa công nhận" : child.highest().get(code)));
                Spreadsheets.row(units, u++, row);
            }
        }
        return Spreadsheets.bytes(workbook);
    }

    static LevelsView evaluate(SurveyView view, List<CriteriaFramework> standards) {
        Survey survey = new Survey(view.figures(), view.dbkk(), view.conditionsMet());
        Map<String, CriteriaFramework> byCode = new HashMap<>();
        standards.forEach(standard -> byCode.put(standard.code(), standard));
        List<Standards.Outcome> outcomes = standards.stream()
                .map(standard -> Standards.evaluateWith(standard, survey, byCode::get)).toList();
        return new LevelsView(view.unitId(), view.year(), view.dbkk(), null, null, null, outcomes);
    }

    private Mono<ResponseEntity<Object>> answer(String id, int year, long version) {
        return reads.answer(PcgdMessages.surveyId(id, year), version,
                            () -> reads.ask(new FetchSurveyQuery(id, year, null), SurveyView.class), SurveyView::version)
                    .map(answer -> ResponseEntity.ok().eTag(Requests.etag(answer.version())).body(answer.body()));
    }
}
