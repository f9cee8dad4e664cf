package vn.xhht.ledger.infrastructure.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.ProgrammeTime;

import jakarta.validation.Valid;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
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
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.unit.UnitCommands.DissolveUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.MergeUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.MoveUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.RegisterUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.RenameUnitCommand;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitChildrenQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.SearchUnitsQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitChildrenView;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitView;
import vn.xhht.ledger.domain.unit.UnitKind;
import vn.xhht.ledger.infrastructure.security.Actor;
import vn.xhht.ledger.infrastructure.security.Role;
import vn.xhht.ledger.infrastructure.web.UnitRequests.DissolveUnitRequest;
import vn.xhht.ledger.infrastructure.web.UnitRequests.MergeUnitRequest;
import vn.xhht.ledger.infrastructure.web.UnitRequests.MoveUnitRequest;
import vn.xhht.ledger.infrastructure.web.UnitRequests.RegisterUnitRequest;
import vn.xhht.ledger.infrastructure.web.UnitRequests.RenameUnitRequest;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;

/** The administrative and organisational hierarchy, effective-dated (API.md: Units). */
@RestController
@RequestMapping("/api/v1/units")
public class UnitController {

    private final Commands commands;
    private final Reads reads;
    private final AccessPolicy access;
    private final Clock clock;

    public UnitController(Commands commands, Reads reads, AccessPolicy access, Clock clock) {
        this.clock = clock;
        this.commands = commands;
        this.reads = reads;
        this.access = access;
    }

    @Operation(summary = "Đăng ký đơn vị (tỉnh, huyện, xã, thôn, tổ chức, trung tâm học tập cộng đồng)")
    @ApiResponse(responseCode = "201", description = "Đã tạo (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = UnitView.class)))
    @ResponseStatus(HttpStatus.CREATED) // documents the 201; the ResponseEntity sets it
    @PostMapping
    public Mono<ResponseEntity<Object>> register(@Valid @RequestBody RegisterUnitRequest request,
                                                 @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        RegisterUnitCommand command = new RegisterUnitCommand(request.id(), request.name().strip(), request.kind(),
                                                              request.parentId(), request.validFrom());
        return access.requireRoleAndScope(actor, request.parentId(), Role.ADMIN)
                     .then(commands.send(command, actor, null, exchange))
                     .flatMap(version -> answer(request.id(), request.validFrom(), version))
                     .map(answer -> ResponseEntity.created(URI.create("/api/v1/units/" + request.id()))
                                                  .header(HttpHeaders.ETAG, Requests.etag(answer.version()))
                                                  .body(answer.body()));
    }

    /**
     * Units by name, for pickers: every word of {@code q} in the name, without case or diacritics ("cu chi" finds
     * "Củ Chi"), of {@code kind} if given, existing on {@code on} (today by default), only inside the caller's scope;
     * by name, at most {@code limit} (default 50).
     */
    @Operation(summary = "Tìm đơn vị theo tên (không phân biệt dấu), trong phạm vi của người dùng")
    @GetMapping
    public Mono<UnitChildrenView> search(@RequestParam(required = false) String q,
                                         @RequestParam(required = false) UnitKind kind,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                         @RequestParam(required = false) Integer limit,
                                         @AuthenticationPrincipal Actor actor) {
        if (q != null && q.length() > 100) {
            throw new RequestRefusedException(ErrorCode.VALIDATION_FAILED, "q", "q must be at most 100 characters");
        }
        SearchUnitsQuery query = new SearchUnitsQuery(q, kind, Requests.onOrToday(on, clock),
                                                      actor.coversEverything() ? null : actor.scope(),
                                                      limit == null ? 50 : Requests.limit(limit));
        return reads.ask(query, UnitChildrenView.class);
    }

    @Operation(summary = "Một đơn vị như ngày on / như đã biết lúc asOf")
    @GetMapping("/{id}")
    public Mono<ResponseEntity<UnitView>> get(@PathVariable String id,
                                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                              @RequestParam(required = false) String asOf,
                                              @AuthenticationPrincipal Actor actor) {
        Requests.unitId(id);
        FetchUnitQuery query = new FetchUnitQuery(id, Requests.onOrToday(on, clock), Requests.instant(asOf, "asOf"));
        return access.requireRead(actor, id)
                     .then(reads.ask(query, UnitView.class))
                     .map(view -> ResponseEntity.ok().eTag(Requests.etag(view.version())).body(view));
    }

    @Operation(summary = "Các đơn vị trực thuộc vào ngày on")
    @GetMapping("/{id}/children")
    public Mono<UnitChildrenView> children(@PathVariable String id,
                                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                           @RequestParam(required = false) String asOf,
                                           @AuthenticationPrincipal Actor actor) {
        Requests.unitId(id);
        FetchUnitChildrenQuery query = new FetchUnitChildrenQuery(id, Requests.onOrToday(on, clock),
                                                                  Requests.instant(asOf, "asOf"));
        return access.requireRead(actor, id).then(reads.ask(query, UnitChildrenView.class));
    }

    @Operation(summary = "Đổi tên đơn vị từ ngày validFrom")
    @ApiResponse(responseCode = "200", description = "Kết quả sau lệnh (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = UnitView.class)))
    @PostMapping("/{id}/rename")
    public Mono<ResponseEntity<Object>> rename(@PathVariable String id, @Valid @RequestBody RenameUnitRequest request,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        Requests.unitId(id);
        Long expected = Requests.ifMatch(ifMatch);
        return access.requireRoleAndScope(actor, id, Role.ADMIN)
                     .then(commands.send(new RenameUnitCommand(id, request.name().strip(), request.validFrom(),
                                                               request.reason(), expected),
                                         actor, request.reason(), exchange).onErrorMap(UnitController::unknownUnit))
                     .flatMap(version -> answer(id, request.validFrom(), version))
                     .map(UnitController::ok);
    }

    @Operation(summary = "Chuyển đơn vị sang đơn vị cấp trên khác từ ngày validFrom")
    @ApiResponse(responseCode = "200", description = "Kết quả sau lệnh (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = UnitView.class)))
    @PostMapping("/{id}/move")
    public Mono<ResponseEntity<Object>> move(@PathVariable String id, @Valid @RequestBody MoveUnitRequest request,
                                             @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                             @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        Requests.unitId(id);
        Long expected = Requests.ifMatch(ifMatch);
        return access.requireRoleAndScope(actor, id, Role.ADMIN)
                     .then(access.requireScope(actor, request.parentId()))
                     .then(commands.send(new MoveUnitCommand(id, request.parentId(), request.validFrom(),
                                                             request.reason(), expected),
                                         actor, request.reason(), exchange).onErrorMap(UnitController::unknownUnit))
                     .flatMap(version -> answer(id, request.validFrom(), version))
                     .map(UnitController::ok);
    }

    @Operation(summary = "Sáp nhập đơn vị vào đơn vị khác từ ngày validFrom (các đơn vị con đi theo)")
    @ApiResponse(responseCode = "200", description = "Kết quả sau lệnh (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = UnitView.class)))
    @PostMapping("/{id}/merge")
    public Mono<ResponseEntity<Object>> merge(@PathVariable String id, @Valid @RequestBody MergeUnitRequest request,
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        Requests.unitId(id);
        Long expected = Requests.ifMatch(ifMatch);
        return access.requireRoleAndScope(actor, id, Role.ADMIN)
                     .then(access.requireScope(actor, request.intoId()))
                     .then(commands.send(new MergeUnitCommand(id, request.intoId(), request.validFrom(),
                                                              request.reason(), expected),
                                         actor, request.reason(), exchange).onErrorMap(UnitController::unknownUnit))
                     .flatMap(version -> answer(id, request.validFrom().minusDays(1), version))
                     .map(UnitController::ok);
    }

    @Operation(summary = "Giải thể đơn vị từ ngày validFrom (các đơn vị con phải đã chuyển hoặc sáp nhập trước)")
    @ApiResponse(responseCode = "200", description = "Kết quả sau lệnh (or {id, version} while the view catches up)", content = @Content(schema = @Schema(implementation = UnitView.class)))
    @PostMapping("/{id}/dissolve")
    public Mono<ResponseEntity<Object>> dissolve(@PathVariable String id, @Valid @RequestBody DissolveUnitRequest request,
                                                 @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                 @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        Requests.unitId(id);
        Long expected = Requests.ifMatch(ifMatch);
        return access.requireRoleAndScope(actor, id, Role.ADMIN)
                     .then(commands.send(new DissolveUnitCommand(id, request.validFrom(), request.reason(), expected),
                                         actor, request.reason(), exchange).onErrorMap(UnitController::unknownUnit))
                     .flatMap(version -> answer(id, request.validFrom().minusDays(1), version))
                     .map(UnitController::ok);
    }

    /** A command sent to a unit the log does not know: {@code 404 UNIT_NOT_FOUND}, as its reads say. */
    private static Throwable unknownUnit(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.axonframework.modelling.command.AggregateNotFoundException missing) {
                return new DomainException(ErrorCode.UNIT_NOT_FOUND, "Unit " + missing.getAggregateIdentifier()
                        + " does not exist");
            }
        }
        return error;
    }

    /** The unit as it stands after the command (as of the change's date, or today if that is later). */
    private Mono<Reads.Answer> answer(String id, LocalDate on, long version) {
        LocalDate today = ProgrammeTime.today(clock);
        LocalDate shown = on.isAfter(today) ? on : today;
        return reads.answer(id, version, () -> reads.ask(new FetchUnitQuery(id, shown), UnitView.class), UnitView::version);
    }

    private static ResponseEntity<Object> ok(Reads.Answer answer) {
        return ResponseEntity.ok().eTag(Requests.etag(answer.version())).body(answer.body());
    }
}
