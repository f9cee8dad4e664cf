package vn.xhht.ledger.infrastructure.exchange;

import vn.xhht.ledger.infrastructure.web.RequestRefusedException;

import io.swagger.v3.oas.annotations.Operation;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Page;
import vn.xhht.ledger.domain.common.ProgrammeTime;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.FetchIndicatorsQuery;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.IndicatorRow;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.IndicatorTable;
import vn.xhht.ledger.domain.plan.PlanQueries.FetchPlanQuery;
import vn.xhht.ledger.domain.plan.PlanQueries.PlanView;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationStatus;
import vn.xhht.ledger.domain.reporting.ReportingQueries.FetchObligationsQuery;
import vn.xhht.ledger.domain.reporting.ReportingQueries.FetchReportQuery;
import vn.xhht.ledger.domain.reporting.ReportingQueries.FetchTaskProgressQuery;
import vn.xhht.ledger.domain.reporting.ReportingQueries.ObligationView;
import vn.xhht.ledger.domain.reporting.ReportingQueries.PlanTaskProgressView;
import vn.xhht.ledger.domain.reporting.ReportingQueries.ReportView;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitView;
import vn.xhht.ledger.infrastructure.security.Actor;
import vn.xhht.ledger.infrastructure.web.AccessPolicy;
import vn.xhht.ledger.infrastructure.web.KnownUnits;
import vn.xhht.ledger.infrastructure.web.Reads;
import vn.xhht.ledger.infrastructure.web.Requests;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports (API.md: Import and export), each as the views stood {@code on} a date and {@code asOf} an instant: a unit's
 * indicator table with its children, who has and has not reported on a plan, and the plan's annual report as XLSX
 * or PDF. Workbooks are streamed (a window of rows in memory); cell text a spreadsheet would run is escaped.
 */
@RestController
public class ExportController {

    private static final String PDF = MediaType.APPLICATION_PDF_VALUE;
    private final Reads reads;
    private final AccessPolicy access;
    private final KnownUnits units;
    private final Clock clock;

    public ExportController(Reads reads, AccessPolicy access, KnownUnits units, Clock clock) {
        this.reads = reads;
        this.access = access;
        this.units = units;
        this.clock = clock;
    }

    @Operation(summary = "Xuất bảng chỉ số của đơn vị và các đơn vị trực thuộc (.xlsx)")
    @GetMapping("/api/v1/exports/indicators")
    public Mono<ResponseEntity<byte[]>> indicators(@RequestParam String unitId, @RequestParam int year,
                                                   @RequestParam(defaultValue = "xlsx") String format,
                                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                                   @RequestParam(required = false) String asOf,
                                                   @AuthenticationPrincipal Actor actor) {
        requireFormat(format, "xlsx");
        Requests.unitId(unitId);
        Requests.year(year);
        Instant at = Requests.instant(asOf, "asOf");
        LocalDate today = ProgrammeTime.today(clock);
        LocalDate day = on != null ? on : (today.getYear() > year ? LocalDate.of(year, 12, 31) : today);
        return units.requireExists(unitId).then(access.requireRead(actor, unitId))
                .then(units.withChildren(unitId, day, at))
                .flatMap(lines -> Flux.fromIterable(lines)
                        .flatMapSequential(u -> reads.ask(new FetchIndicatorsQuery(u.id(), year, at), IndicatorTable.class)
                                                     .map(t -> Map.entry(u, t)), 8)
                        .collectList())
                .publishOn(Schedulers.boundedElastic())
                .map(tables -> indicatorWorkbook(tables, year, day, at))
                .map(bytes -> file(bytes, Spreadsheets.XLSX, "chi-so-" + unitId + "-" + year + ".xlsx"));
    }

    static byte[] indicatorWorkbook(List<Map.Entry<UnitView, IndicatorTable>> tables, int year, LocalDate on, Instant asOf) {
        SXSSFWorkbook workbook = Spreadsheets.workbook();
        Sheet sheet = workbook.createSheet("Chỉ số " + year);
        Spreadsheets.row(sheet, 0, List.of("Bảng chỉ số năm " + year + ", đơn vị theo ngày " + on
                + (asOf == null ? "" : ", số liệu theo hồ sơ lúc " + asOf)));
        List<String> indicators = tables.isEmpty() ? List.of()
                : tables.get(0).getValue().items().stream().map(IndicatorRow::indicator).toList();
        List<String> header = new ArrayList<>(List.of("unitId", "Đơn vị", "Chỉ số", "Tên chỉ số", "Chỉ tiêu", "Tử số",
                                                      "Mẫu số", "Tỷ lệ", "Đánh giá"));
        Spreadsheets.header(workbook, sheet, 1, header);
        int r = 2;
        for (Map.Entry<UnitView, IndicatorTable> entry : tables) {
            for (IndicatorRow row : entry.getValue().items()) {
                Spreadsheets.row(sheet, r++, java.util.Arrays.asList(
                        entry.getKey().id(), entry.getKey().name(), row.indicator(),
                        row.name() == null ? null : row.name().vi(), row.target(), row.numerator(), row.denominator(),
                        row.value(), AnnualReport.statusVi(String.valueOf(row.status()))));
            }
        }
        if (indicators.isEmpty()) {
            Spreadsheets.row(sheet, r, List.of("Không có chỉ số"));
        }
        return Spreadsheets.bytes(workbook);
    }

    @Operation(summary = "Xuất danh sách đơn vị đã và chưa báo cáo theo kế hoạch (.xlsx)")
    @GetMapping(path = "/api/v1/plans/{id}/obligations", params = "format")
    public Mono<ResponseEntity<byte[]>> obligations(@PathVariable String id, @RequestParam String format,
                                                    @RequestParam(required = false) ObligationStatus status,
                                                    @RequestParam(required = false) String asOf,
                                                    @AuthenticationPrincipal Actor actor) {
        requireFormat(format, "xlsx");
        String planId = Requests.uuid(id, ErrorCode.PLAN_NOT_FOUND);
        Instant at = Requests.instant(asOf, "asOf");
        return plan(planId, at, actor)
                .flatMap(plan -> allObligations(planId, status, at).flatMap(list -> names(list)
                        .publishOn(Schedulers.boundedElastic()) // the workbook is written off the event loop
                        .map(names -> {
                    SXSSFWorkbook workbook = Spreadsheets.workbook();
                    Sheet sheet = workbook.createSheet("Báo cáo");
                    Spreadsheets.row(sheet, 0, List.of("Tình hình báo cáo theo kế hoạch " + plan.number() + " — " + plan.title()));
                    Spreadsheets.header(workbook, sheet, 1, List.of("unitId", "Đơn vị", "Báo cáo", "Hạn", "Trạng thái",
                                                                    "Thời hạn", "Gửi lúc", "Số lần gửi", "Số lần trả lại"));
                    int r = 2;
                    for (ObligationView o : list) {
                        Spreadsheets.row(sheet, r++, java.util.Arrays.asList(
                                o.unitId(), names.getOrDefault(o.unitId(), o.unitId()), o.deadline().what(),
                                o.deadline().due(), statusVi(o.status()), timelinessVi(o), o.submittedAt(), o.submissions(),
                                o.returns()));
                    }
                    return Spreadsheets.bytes(workbook);
                })))
                .map(bytes -> file(bytes, Spreadsheets.XLSX, "bao-cao-" + planId + ".xlsx"));
    }

    @Operation(summary = "Báo cáo kết quả thực hiện kế hoạch (.xlsx hoặc .pdf theo thể thức văn bản hành chính)")
    @GetMapping("/api/v1/plans/{id}/annual-report")
    public Mono<ResponseEntity<byte[]>> annualReport(@PathVariable String id, @RequestParam(defaultValue = "pdf") String format,
                                                     @RequestParam(required = false) String asOf,
                                                     @AuthenticationPrincipal Actor actor) {
        requireFormat(format, "xlsx", "pdf");
        String planId = Requests.uuid(id, ErrorCode.PLAN_NOT_FOUND);
        Instant at = Requests.instant(asOf, "asOf");
        LocalDate dated = at == null ? ProgrammeTime.today(clock) : ProgrammeTime.dayOf(at);
        return plan(planId, at, actor).flatMap(plan -> {
            int year = plan.period().to().getYear();
            LocalDate on = dated.isBefore(plan.period().to()) ? dated : plan.period().to();
            Mono<String> issuerName = reads.ask(new FetchUnitQuery(plan.issuerUnitId(), on, at), UnitView.class)
                                           .map(UnitView::name).onErrorReturn(plan.issuerUnitId());
            Mono<IndicatorTable> indicators = reads.ask(new FetchIndicatorsQuery(plan.issuerUnitId(), year, at), IndicatorTable.class);
            Mono<List<ObligationView>> obligations = allObligations(planId, null, at);
            Mono<PlanTaskProgressView> progress = reads.ask(new FetchTaskProgressQuery(planId, at), PlanTaskProgressView.class);
            return Mono.zip(issuerName, indicators, obligations, progress).flatMap(t -> {
                List<ObligationView> list = t.getT3();
                Mono<List<ReportView>> reports = Flux.fromIterable(list).filter(o -> o.reportId() != null)
                        .flatMapSequential(o -> reads.ask(new FetchReportQuery(o.reportId(), at), ReportView.class), 8)
                        .collectList();
                List<String> leads = plan.tasks().stream().map(task -> task.leadUnitId()).filter(java.util.Objects::nonNull).toList();
                return Mono.zip(reports, names(list, leads)).map(r -> AnnualReport.of(
                        plan, t.getT1(), r.getT2(), dated, at, t.getT2().items(), list, t.getT4().items(), r.getT1()));
            });
        })
        .publishOn(Schedulers.boundedElastic())
        .map(report -> "pdf".equals(format)
                ? file(AnnualReportPdf.render(report), PDF, "bao-cao-ket-qua-" + planId + ".pdf")
                : file(AnnualReportXlsx.render(report), Spreadsheets.XLSX, "bao-cao-ket-qua-" + planId + ".xlsx"));
    }

    private Mono<PlanView> plan(String planId, Instant at, Actor actor) {
        return reads.ask(new FetchPlanQuery(planId, at), PlanView.class)
                    .flatMap(plan -> access.requireRead(actor, plan.issuerUnitId()).thenReturn(plan));
    }

    @SuppressWarnings("unchecked")
    private Mono<List<ObligationView>> allObligations(String planId, ObligationStatus status, Instant at) {
        return reads.ask(new FetchObligationsQuery(planId, null, status, Integer.MAX_VALUE, null, at), Page.class)
                    .map(page -> (List<ObligationView>) page.items());
    }

    private Mono<Map<String, String>> names(List<ObligationView> obligations) {
        return names(obligations, List.of());
    }

    private Mono<Map<String, String>> names(List<ObligationView> obligations, List<String> more) {
        LocalDate today = ProgrammeTime.today(clock);
        List<String> ids = java.util.stream.Stream.concat(obligations.stream().map(ObligationView::unitId), more.stream())
                                                  .distinct().toList();
        return Flux.fromIterable(ids)
                   .flatMap(unitId -> reads.ask(new FetchUnitQuery(unitId, today), UnitView.class)
                                           .map(u -> Map.entry(unitId, u.name()))
                                           .onErrorResume(e -> Mono.just(Map.entry(unitId, unitId))), 8)
                   .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
    }

    private static String statusVi(ObligationStatus status) {
        return switch (status) {
            case OPEN -> "Chưa báo cáo";
            case SUBMITTED -> "Đã gửi, chờ tiếp nhận";
            case RETURNED -> "Bị trả lại";
            case ACCEPTED -> "Đã tiếp nhận";
            case CANCELLED -> "Đã hủy";
        };
    }

    private static String timelinessVi(ObligationView o) {
        if (o.timeliness() == null) {
            return "Chưa đến hạn";
        }
        return switch (o.timeliness()) {
            case ON_TIME -> "Đúng hạn";
            case LATE -> "Trễ hạn";
            case OVERDUE -> "Quá hạn, chưa báo cáo";
        };
    }

    private static void requireFormat(String format, String... allowed) {
        if (!List.of(allowed).contains(format)) {
            throw new RequestRefusedException(ErrorCode.VALIDATION_FAILED, "format", "format is one of " + List.of(allowed));
        }
    }

    private static ResponseEntity<byte[]> file(byte[] bytes, String contentType, String filename) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(contentType))
                             .header(HttpHeaders.CONTENT_DISPOSITION,
                                     ContentDisposition.attachment().filename(filename).build().toString())
                             .body(bytes);
    }
}
