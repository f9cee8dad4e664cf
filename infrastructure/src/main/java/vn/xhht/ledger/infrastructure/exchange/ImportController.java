package vn.xhht.ledger.infrastructure.exchange;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.ProgrammeTime;
import vn.xhht.ledger.domain.figures.FigureMessages;
import vn.xhht.ledger.domain.figures.FigureMessages.Baseline;
import vn.xhht.ledger.domain.figures.FigureMessages.BaselineView;
import vn.xhht.ledger.domain.figures.FigureMessages.FetchBaselineQuery;
import vn.xhht.ledger.domain.figures.FigureMessages.FetchRecognitionBatchQuery;
import vn.xhht.ledger.domain.figures.FigureMessages.FetchReportedValueQuery;
import vn.xhht.ledger.domain.figures.FigureMessages.RecognitionBatchView;
import vn.xhht.ledger.domain.figures.FigureMessages.RecordRecognitionBatchCommand;
import vn.xhht.ledger.domain.figures.FigureMessages.ReportIndicatorValueCommand;
import vn.xhht.ledger.domain.figures.FigureMessages.ReportedValueView;
import vn.xhht.ledger.domain.figures.FigureMessages.SetBaselineCommand;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.FetchIndicatorCatalogueQuery;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;
import vn.xhht.ledger.domain.common.Page;
import vn.xhht.ledger.domain.plan.PlanQueries.FetchPlansQuery;
import vn.xhht.ledger.domain.plan.PlanQueries.PlanView;
import vn.xhht.ledger.domain.plan.PlanStatus;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitLineageQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitLineageView;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitView;
import vn.xhht.ledger.infrastructure.security.Actor;
import vn.xhht.ledger.infrastructure.security.Role;
import vn.xhht.ledger.infrastructure.web.AccessPolicy;
import vn.xhht.ledger.infrastructure.web.Commands;
import vn.xhht.ledger.infrastructure.web.KnownUnits;
import vn.xhht.ledger.infrastructure.web.Reads;
import vn.xhht.ledger.infrastructure.web.Requests;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Baselines, title batches and survey values for many units from one spreadsheet (API.md: Import and export). A
 * dry run answers every change and every problem (row, column, code, Vietnamese message) and stores nothing; a file
 * with any problem stores nothing; a valid file stores one command per changed row, each carrying the file's SHA-256
 * and its row in the audit metadata. A row whose values are already stored is unchanged, so the same file applied
 * twice stores nothing the second time. Role and scope apply per row.
 */
@RestController
public class ImportController {

    /** The largest upload read (10 MB). */
    static final int MAX_BYTES = 10 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(ImportController.class);

    private final Commands commands;
    private final Reads reads;
    private final AccessPolicy access;
    private final KnownUnits units;
    private final Clock clock;

    public ImportController(Commands commands, Reads reads, AccessPolicy access, KnownUnits units, Clock clock) {
        this.commands = commands;
        this.reads = reads;
        this.access = access;
        this.units = units;
        this.clock = clock;
    }

    @Operation(summary = "Tải mẫu nhập liệu (.xlsx) điền sẵn đơn vị và các đơn vị trực thuộc")
    @GetMapping("/api/v1/imports/templates/{kind}")
    public Mono<ResponseEntity<byte[]>> template(@PathVariable String kind, @RequestParam String unitId,
                                                 @RequestParam(required = false) Integer year,
                                                 @AuthenticationPrincipal Actor actor) {
        ImportKind importKind = ImportKind.of(kind);
        Requests.unitId(unitId);
        LocalDate today = ProgrammeTime.today(clock);
        int forYear = year == null ? today.getYear() : Requests.year(year);
        return units.requireExists(unitId).then(access.requireRead(actor, unitId))
                    .then(units.withChildren(unitId, today, null))
                    .map(found -> found.stream().map(u -> new Templates.UnitLine(u.id(), u.name())).toList())
                    .publishOn(Schedulers.boundedElastic())
                    .map(lines -> Templates.of(importKind, lines, forYear))
                    .map(bytes -> ResponseEntity.ok().contentType(MediaType.parseMediaType(Spreadsheets.XLSX))
                                                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                                        .filename("mau-" + kind + "-" + unitId + ".xlsx").build().toString())
                                                .body(bytes));
    }

    public record RowError(int row, String column, String code, String message) {
    }

    public record ImportReport(String kind, String fileSha256, int rows, boolean valid, List<RowError> errors,
                               List<Map<String, Object>> changes, int applied, int unchanged) {
    }

    /** A row read and checked: its values by column, the change it makes and its command. */
    private record Checked(int row, Map<String, Object> values, String unitId, Object command, Mono<Boolean> unchanged) {
    }

    @Operation(summary = "Nhập dữ liệu từ tệp .xlsx hoặc .csv (chạy thử với dryRun=true)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "Tệp .xlsx hoặc .csv (UTF-8) trong phần \"file\"",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "object", requiredProperties = {"file"})))
    @PostMapping("/api/v1/imports/{kind}")
    public Mono<ResponseEntity<Object>> importFile(@PathVariable String kind,
                                                   @Parameter(description = "true: chỉ kiểm tra, không ghi")
                                                   @RequestParam(defaultValue = "false") boolean dryRun,
                                                   @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        ImportKind importKind = ImportKind.of(kind);
        return access.requireRole(actor, importKind.roles().toArray(Role[]::new))
                .then(exchange.getMultipartData())
                .flatMap(parts -> parts.getFirst("file") instanceof FilePart file ? Mono.just(file)
                        : Mono.error(new DomainException(ErrorCode.VALIDATION_FAILED, "file",
                                                         "Gửi tệp trong phần \"file\" của biểu mẫu (multipart/form-data)")))
                .flatMap(file -> DataBufferUtils.join(file.content(), MAX_BYTES)
                        .onErrorMap(DataBufferLimitException.class, e -> new DomainException(
                                ErrorCode.FILE_TOO_LARGE, "file", "Tệp lớn hơn 10 MB; hãy chia thành nhiều tệp"))
                        .map(buffer -> {
                            byte[] bytes = new byte[buffer.readableByteCount()];
                            buffer.read(bytes);
                            DataBufferUtils.release(buffer);
                            return bytes;
                        })
                        .switchIfEmpty(Mono.error(() -> SheetReader.invalid("Tệp rỗng")))
                        .publishOn(Schedulers.boundedElastic())
                        .map(bytes -> new Upload(sha256(bytes), SheetReader.read(bytes, file.filename()))))
                .flatMap(upload -> check(importKind, upload.sha(), upload.table(), actor))
                .flatMap(checked -> answer(importKind, checked, dryRun, actor, exchange));
    }

    /** A client that accepts {@code text/event-stream} follows a long import: progress events, then the result. */
    private static boolean streams(ServerWebExchange exchange) {
        return exchange.getRequest().getHeaders().getAccept().stream()
                       .anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM) && !type.isWildcardType());
    }

    /** A file as received: its SHA-256 and what it holds. */
    private record Upload(String sha, SheetReader.Table table) {
    }

    /** Everything about the file that can be known without storing anything. */
    private record Outcome(String sha, int rows, List<RowError> errors, List<Checked> rowsChecked, List<Boolean> same) {
    }

    private Mono<Outcome> check(ImportKind kind, String sha, SheetReader.Table sheet, Actor actor) {
        if (sheet.marker() != null && !sheet.marker().equals(kind.marker())) {
            throw SheetReader.invalid("Tệp là mẫu \"" + sheet.marker() + "\", không phải mẫu " + kind.marker());
        }
        Set<String> known = new HashSet<>();
        kind.columns().forEach(c -> known.add(c.name()));
        List<String> unknown = sheet.columns().stream().filter(c -> !known.contains(c)).toList();
        if (!unknown.isEmpty()) {
            throw SheetReader.invalid("Cột không thuộc mẫu " + kind.path() + ": " + String.join(", ", unknown));
        }
        List<String> missing = kind.columns().stream().filter(c -> c.required() && !sheet.columns().contains(c.name()))
                                   .map(ImportKind.Column::name).toList();
        if (!missing.isEmpty()) {
            throw SheetReader.invalid("Thiếu cột bắt buộc: " + String.join(", ", missing));
        }
        List<RowError> errors = new ArrayList<>();
        List<Checked> rows = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (SheetReader.SheetRow row : sheet.rows()) {
            Map<String, Object> values = new LinkedHashMap<>();
            boolean ok = true;
            for (ImportKind.Column column : kind.columns()) {
                try {
                    Object value = ImportKind.parse(column, row.cells().getOrDefault(column.name(), SheetReader.CellValue.EMPTY));
                    if (value != null) {
                        values.put(column.name(), value);
                    }
                } catch (ImportKind.ProblemAt problem) {
                    errors.add(new RowError(row.number(), column.name(), problem.code, problem.getMessage()));
                    ok = false;
                }
            }
            if (!ok) {
                continue;
            }
            String key = key(kind, values);
            if (!keys.add(key)) {
                errors.add(new RowError(row.number(), "unitId", "DUPLICATE_ROW", "Trùng với một dòng trước trong tệp (" + key + ")"));
                continue;
            }
            if (kind == ImportKind.INDICATOR_VALUES && (long) values.get("numerator") > (long) values.get("denominator")) {
                errors.add(new RowError(row.number(), "numerator", "VALIDATION_FAILED", "Tử số lớn hơn mẫu số"));
                continue;
            }
            rows.add(command(kind, sha, row.number(), values));
        }
        if (rows.isEmpty() && errors.isEmpty()) {
            throw SheetReader.invalid("Tệp không có dòng dữ liệu nào");
        }
        Mono<Set<String>> reportedIndicators = kind != ImportKind.INDICATOR_VALUES ? Mono.just(Set.of())
                : reads.ask(new FetchIndicatorCatalogueQuery(), IndicatorCatalogue.class)
                       .map(catalogue -> {
                           Set<String> codes = new HashSet<>();
                           catalogue.indicators().stream()
                                    .filter(d -> d.numerator() != null && d.numerator().kind() == IndicatorCatalogue.Quantity.Kind.REPORTED)
                                    .forEach(d -> codes.add(d.code()));
                           return codes;
                       });
        // each unit once: it exists, and the caller may do this there
        Map<String, RowError> unitProblems = new java.util.concurrent.ConcurrentHashMap<>();
        Mono<Void> unitsChecked = Flux.fromIterable(rows.stream().map(Checked::unitId).distinct().toList())
                .flatMap(unitId -> units.requireExists(unitId)
                                        .then(access.requireRoleAndScope(actor, unitId, kind.roles().toArray(Role[]::new)))
                                        .onErrorResume(DomainException.class, e -> {
                                            unitProblems.put(unitId, new RowError(0, "unitId", e.code().name(),
                                                                                  unitMessage(e.code(), unitId)));
                                            return Mono.empty();
                                        }), 8)
                .then();
        Map<String, RowError> factProblems = new java.util.concurrent.ConcurrentHashMap<>();
        // many rows share ancestors: each unit's closed plans of a year are read once per file
        Map<String, Mono<List<PlanView>>> closedPlans = new java.util.concurrent.ConcurrentHashMap<>();
        Mono<Void> factsChecked = Flux.fromIterable(rows.stream().map(row -> factKey(kind, row.values())).distinct().toList())
                .flatMap(key -> factProblem(key, closedPlans).doOnNext(problem -> factProblems.put(key, problem)), 8)
                .then();
        return unitsChecked.then(factsChecked).then(reportedIndicators).flatMap(indicators -> {
            List<Checked> valid = new ArrayList<>();
            for (Checked row : rows) {
                RowError unitProblem = unitProblems.get(row.unitId());
                RowError factProblem = factProblems.get(factKey(kind, row.values()));
                if (unitProblem != null) {
                    errors.add(new RowError(row.row(), "unitId", unitProblem.code(), unitProblem.message()));
                } else if (factProblem != null) {
                    errors.add(new RowError(row.row(), factProblem.column(), factProblem.code(), factProblem.message()));
                } else if (kind == ImportKind.INDICATOR_VALUES && !indicators.contains((String) row.values().get("indicator"))) {
                    errors.add(new RowError(row.row(), "indicator", "UNKNOWN_INDICATOR",
                                            "Không phải chỉ số lấy từ khảo sát trong danh mục: " + row.values().get("indicator")));
                } else {
                    valid.add(row);
                }
            }
            errors.sort(java.util.Comparator.comparingInt(RowError::row).thenComparing(RowError::column));
            return Flux.fromIterable(valid).flatMapSequential(Checked::unchanged, 16).collectList()
                       .map(same -> new Outcome(sha, sheet.rows().size(), errors, valid, same));
        });
    }

    private Mono<ResponseEntity<Object>> answer(ImportKind kind, Outcome outcome, boolean dryRun, Actor actor,
                                                ServerWebExchange exchange) {
        List<Map<String, Object>> changes = new ArrayList<>();
        List<Checked> toApply = new ArrayList<>();
        int unchanged = 0;
        for (int i = 0; i < outcome.rowsChecked().size(); i++) {
            Checked row = outcome.rowsChecked().get(i);
            boolean same = outcome.same().get(i);
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("row", row.row());
            change.putAll(row.values());
            change.put("change", same ? "UNCHANGED" : "STORE");
            changes.add(change);
            if (same) {
                unchanged++;
            } else {
                toApply.add(row);
            }
        }
        boolean valid = outcome.errors().isEmpty();
        if (!valid || dryRun) {
            ImportReport report = new ImportReport(kind.path(), outcome.sha(), outcome.rows(), valid, outcome.errors(),
                                                   changes, 0, unchanged);
            if (valid) {
                return Mono.just(ResponseEntity.ok(report));
            }
            return Mono.just(problem(report, dryRun, exchange.getRequest().getPath().value()));
        }
        int total = toApply.size();
        AtomicInteger done = new AtomicInteger();
        int finalUnchanged = unchanged;
        // one row after the other: rows of one province meet on its admission shards, and storing several at a time
        // (tried: eight) gained a fifth on two cores at the price of contention a retry may not clear
        Flux<Integer> stored = Flux.fromIterable(toApply)
                   .concatMap(row -> commands.sendImported(row.command(), actor, exchange, outcome.sha(), row.row())
                           .onErrorMap(DomainException.class, e -> new DomainException(e.code(), e.field(),
                                   "Dòng " + row.row() + ": " + e.getMessage() + " (các dòng trước đã được ghi; "
                                           + "gửi lại cùng tệp sau khi sửa sẽ chỉ ghi các dòng còn lại)"))
                           .map(r -> {
                               int n = done.incrementAndGet();
                               if (n % 1000 == 0 || n == total) {
                                   log.info("Import {} of {}: {} of {} rows stored", kind.path(), outcome.sha(), n, total);
                               }
                               return n;
                           }));
        Mono<ImportReport> result = Mono.fromSupplier(() -> new ImportReport(
                kind.path(), outcome.sha(), outcome.rows(), true, List.of(), changes, total, finalUnchanged));
        if (!streams(exchange)) {
            return stored.then(result).map(report -> ResponseEntity.ok((Object) report));
        }
        // progress about every 1 % (at least every 100 rows), then the result; a refusal mid-way ends it as a problem
        int step = Math.max(1, Math.min(100, total / 100));
        Flux<ServerSentEvent<Object>> events = Flux.concat(
                stored.filter(n -> n % step == 0 || n == total)
                      .map(n -> ServerSentEvent.<Object>builder(Map.of("done", n, "total", total)).event("progress").build()),
                result.map(report -> ServerSentEvent.<Object>builder(report).event("result").build()))
                .onErrorResume(DomainException.class, e -> Mono.just(ServerSentEvent.<Object>builder(Map.of(
                        "code", e.code().name(), "detail", e.getMessage(), "done", done.get(), "total", total))
                        .event("problem").build()));
        return Mono.just(ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body((Object) events));
    }

    private static ResponseEntity<Object> problem(ImportReport report, boolean dryRun, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "/problems/" + ErrorCode.IMPORT_ROWS_INVALID.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        body.put("title", "Unprocessable Entity");
        body.put("status", 422);
        body.put("detail", report.errors().size() + " lỗi trong tệp; không dòng nào được ghi");
        body.put("code", ErrorCode.IMPORT_ROWS_INVALID.name());
        body.put("instance", instance);
        body.put("kind", report.kind());
        body.put("fileSha256", report.fileSha256());
        body.put("rows", report.rows());
        body.put("valid", false);
        body.put("errors", report.errors());
        body.put("changes", report.changes());
        body.put("applied", 0);
        body.put("unchanged", report.unchanged());
        if (dryRun) {
            return ResponseEntity.ok(new ImportReport(report.kind(), report.fileSha256(), report.rows(), false,
                                                      report.errors(), report.changes(), 0, report.unchanged()));
        }
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                             .body(body);
    }

    private Checked command(ImportKind kind, String sha, int row, Map<String, Object> v) {
        String unitId = (String) v.get("unitId");
        int year = (int) v.get("year");
        return switch (kind) {
            case BASELINES -> {
                Baseline baseline = new Baseline((Long) v.get("households"), (Long) v.get("clans"), (Long) v.get("villages"),
                                                 (Long) v.get("organisations"), (Long) v.get("citizens"),
                                                 (Long) v.get("workingAgePeople"));
                yield new Checked(row, v, unitId, new SetBaselineCommand(FigureMessages.baselineId(unitId, year), unitId,
                                                                         year, baseline),
                                  reads.ask(new FetchBaselineQuery(unitId, year), BaselineView.class)
                                       .map(b -> Objects.equals(b.households(), baseline.households())
                                               && Objects.equals(b.clans(), baseline.clans())
                                               && Objects.equals(b.villages(), baseline.villages())
                                               && Objects.equals(b.organisations(), baseline.organisations())
                                               && Objects.equals(b.citizens(), baseline.citizens())
                                               && Objects.equals(b.workingAgePeople(), baseline.workingAgePeople()))
                                       .onErrorReturn(false));
            }
            case RECOGNITION_BATCHES -> {
                String batchId = UUID.nameUUIDFromBytes(("import|" + sha + "|" + row).getBytes(StandardCharsets.UTF_8)).toString();
                yield new Checked(row, v, unitId, new RecordRecognitionBatchCommand(
                        batchId, unitId, (Title) v.get("title"), year, (long) v.get("count"), (String) v.get("decisionNumber"),
                        (LocalDate) v.get("decidedOn")),
                                  reads.ask(new FetchRecognitionBatchQuery(batchId), RecognitionBatchView.class)
                                       .map(b -> true).onErrorReturn(false));
            }
            case INDICATOR_VALUES -> {
                String indicator = (String) v.get("indicator");
                long numerator = (long) v.get("numerator");
                long denominator = (long) v.get("denominator");
                String source = (String) v.get("source");
                yield new Checked(row, v, unitId, new ReportIndicatorValueCommand(
                        FigureMessages.reportedValueId(unitId, indicator, year), unitId, indicator, year, numerator,
                        denominator, source),
                                  reads.ask(new FetchReportedValueQuery(unitId, indicator, year), ReportedValueView.class)
                                       .map(r -> r.numerator() == numerator && r.denominator() == denominator
                                               && r.source().equals(source))
                                       .onErrorReturn(false));
            }
        };
    }

    /** The unit and the day a row's fact is dated: 31 December of its year, or a batch's decision day. */
    private static String factKey(ImportKind kind, Map<String, Object> v) {
        LocalDate day = kind == ImportKind.RECOGNITION_BATCHES ? (LocalDate) v.get("decidedOn")
                : LocalDate.of((int) v.get("year"), 12, 31);
        return v.get("unitId") + "|" + day;
    }

    /**
     * What the aggregates would refuse of a fact at a unit on a day, asked of the views beforehand: the unit did not
     * exist then, or a closed plan of the unit or an ancestor freezes that year.
     */
    private Mono<RowError> factProblem(String key, Map<String, Mono<List<PlanView>>> closedPlans) {
        String unitId = key.substring(0, key.indexOf('|'));
        LocalDate day = LocalDate.parse(key.substring(key.indexOf('|') + 1));
        RowError notThen = new RowError(0, "unitId", ErrorCode.UNKNOWN_UNIT.name(),
                                        "Đơn vị " + unitId + " không tồn tại vào ngày " + day);
        return reads.ask(new FetchUnitQuery(unitId, day), UnitView.class)
                    .flatMap(unit -> day.isBefore(unit.validFrom()) || (unit.validTo() != null && !day.isBefore(unit.validTo()))
                            ? Mono.just(notThen) : closedYear(unitId, day, closedPlans))
                    .onErrorResume(DomainException.class, e -> e.code().kind() == ErrorCode.Kind.NOT_FOUND
                            ? Mono.just(notThen) : Mono.error(e));
    }

    /** A closed plan of the unit or an ancestor freezing the day's year, as a row problem; empty when none. */
    @SuppressWarnings("unchecked")
    private Mono<RowError> closedYear(String unitId, LocalDate day, Map<String, Mono<List<PlanView>>> closedPlans) {
        return reads.ask(new FetchUnitLineageQuery(unitId, day), UnitLineageView.class)
                    .flatMap(lineage -> Flux.fromIterable(lineage.lineage())
                            .concatMap(unit -> closedPlans.computeIfAbsent(unit + "|" + day.getYear(), k -> reads.ask(
                                    new FetchPlansQuery(unit, day.getYear(), 100, null), Page.class)
                                    // closing a plan closes every year of its period for the issuer's subtree
                                    .map(page -> ((List<PlanView>) page.items()).stream()
                                            .filter(plan -> plan.status() == PlanStatus.CLOSED
                                                    && plan.period().overlapsYear(day.getYear())).toList())
                                    .cache()))
                            .flatMapIterable(plans -> plans)
                            .next()
                            .map(plan -> new RowError(0, "year", ErrorCode.PERIOD_CLOSED.name(),
                                                      "Năm " + day.getYear() + " đã khóa số liệu theo kế hoạch " + plan.number()
                                                              + " của " + plan.issuerUnitId() + "; cần mở lại trước khi nhập")));
    }

    private static String key(ImportKind kind, Map<String, Object> v) {
        return switch (kind) {
            case BASELINES -> v.get("unitId") + " " + v.get("year");
            case INDICATOR_VALUES -> v.get("unitId") + " " + v.get("indicator") + " " + v.get("year");
            case RECOGNITION_BATCHES -> v.get("unitId") + " " + v.get("title") + " " + v.get("year") + " "
                    + v.get("decisionNumber");
        };
    }

    private static String unitMessage(ErrorCode code, String unitId) {
        return switch (code) {
            case UNIT_NOT_FOUND, UNKNOWN_UNIT, NOT_FOUND -> "Không có đơn vị " + unitId;
            case NOT_IN_SCOPE -> "Đơn vị " + unitId + " ngoài phạm vi của người nhập";
            case FORBIDDEN_ROLE -> "Vai trò của người nhập không được ghi loại số liệu này";
            default -> "Không ghi được cho đơn vị " + unitId;
        };
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
