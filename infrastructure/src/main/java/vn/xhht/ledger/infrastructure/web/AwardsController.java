package vn.xhht.ledger.infrastructure.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Page;
import vn.xhht.ledger.domain.emulation.EmulationMessages.CriterionCheck;
import vn.xhht.ledger.domain.emulation.EmulationMessages.DecideNominationCommand;
import vn.xhht.ledger.domain.emulation.EmulationMessages.Decision;
import vn.xhht.ledger.domain.emulation.EmulationMessages.FetchMovementsQuery;
import vn.xhht.ledger.domain.emulation.EmulationMessages.FetchNominationQuery;
import vn.xhht.ledger.domain.emulation.EmulationMessages.ForgetPersonCommand;
import vn.xhht.ledger.domain.emulation.EmulationMessages.ListNominationsQuery;
import vn.xhht.ledger.domain.emulation.EmulationMessages.MovementList;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominateCommand;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationRecord;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationState;
import vn.xhht.ledger.domain.emulation.EmulationMessages.Recommendation;
import vn.xhht.ledger.domain.emulation.EmulationMessages.ReturnNominationCommand;
import vn.xhht.ledger.domain.emulation.EmulationMessages.ReviewNominationCommand;
import vn.xhht.ledger.domain.emulation.EmulationMessages.RevokeAwardCommand;
import vn.xhht.ledger.domain.emulation.EmulationMessages.Step;
import vn.xhht.ledger.domain.emulation.EmulationMessages.Subject;
import vn.xhht.ledger.domain.emulation.EmulationMessages.SubmitNominationCommand;
import vn.xhht.ledger.domain.emulation.Movement.Occasion;
import vn.xhht.ledger.domain.emulation.Movement.SubjectKind;
import vn.xhht.ledger.infrastructure.exchange.Spreadsheets;
import vn.xhht.ledger.infrastructure.privacy.PersonalData;
import vn.xhht.ledger.infrastructure.security.Actor;
import vn.xhht.ledger.infrastructure.security.Role;
import vn.xhht.ledger.infrastructure.web.PlanRequests.ReasonRequest;
import vn.xhht.ledger.infrastructure.web.input.FreeText;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Emulation awards (API.md "Emulation awards"; DOMAIN-2 §2). A unit's PLANNER drafts and submits nominations of itself
 * or of those under it; the council of the level that decides the form (a REVIEWER there) recommends, returns or
 * rejects; its RECOGNIZER records the decision or revokes an award. Names and positions of persons are sealed before
 * they are stored ({@link PersonalData}) and opened only for those who decide on awards (REVIEWER, RECOGNIZER) and for
 * auditors; an ADMIN or RECOGNIZER can forget the person, after which nobody can.
 */
@RestController
public class AwardsController {

    /** The roles that read a nominated person's name and position. */
    static final Set<Role> READ_NAMES = Set.of(Role.REVIEWER, Role.RECOGNIZER, Role.AUDITOR);

    private final Commands commands;
    private final Reads reads;
    private final AccessPolicy access;
    private final PersonalData personalData;
    private final Map<String, Integer> quotas;

    public AwardsController(Commands commands, Reads reads, AccessPolicy access, PersonalData personalData,
                            AwardQuotas quotas) {
        this.commands = commands;
        this.reads = reads;
        this.access = access;
        this.personalData = personalData;
        this.quotas = quotas.byForm();
    }

    // ------------------------------------------------------------------ requests and views

    public record SubjectRequest(@NotNull SubjectKind kind, @NotNull @Pattern(regexp = Requests.UNIT_ID) String unitId,
                                 @FreeText @Size(max = 200) String name, @FreeText @Size(max = 200) String position) {
    }

    @Schema(example = "{\"movement\":\"PT-1315-2023\",\"phase\":\"GD1_2023_2025\",\"occasion\":\"HANG_NAM\",\"year\":2024,"
            + "\"form\":\"GIAY_KHEN\",\"subject\":{\"kind\":\"TAP_THE\",\"unitId\":\"phong-gddt-thuy-nguyen\"},"
            + "\"achievements\":\"Tham mưu ban hành kế hoạch xây dựng xã hội học tập năm 2024\","
            + "\"proposedByUnitId\":\"phong-gddt-thuy-nguyen\"}")
    public record NominationRequest(@NotBlank @Pattern(regexp = AssessmentRequests.CODE) String movement,
                                    @NotBlank @Pattern(regexp = AssessmentRequests.CODE) String phase,
                                    @NotNull Occasion occasion, @NotNull @Min(2000) @Max(2100) Integer year,
                                    @NotBlank @Pattern(regexp = AssessmentRequests.CODE) String form,
                                    @NotNull @Valid SubjectRequest subject,
                                    @NotBlank @FreeText @Size(max = 4000) String achievements,
                                    @NotNull @Pattern(regexp = Requests.UNIT_ID) String proposedByUnitId) {
    }

    @Schema(example = "{\"achievements\":\"Bổ sung: 12 sáng kiến được công nhận cấp huyện\"}")
    public record SubmitRequest(@FreeText @Size(max = 4000) String achievements) {
    }

    @Schema(example = "{\"recommendation\":\"PROPOSE\",\"reason\":\"Hội đồng TĐKT thống nhất đề nghị\"}")
    public record CouncilReviewRequest(@NotNull Recommendation recommendation, @NotBlank @FreeText @Size(max = 2000) String reason) {
    }

    @Schema(example = "{\"decision\":\"AWARDED\",\"decisionNumber\":\"125/QĐ-UBND\",\"decidedOn\":\"2025-12-20\"}")
    public record DecideRequest(@NotNull Decision decision, @NotBlank @FreeText @Size(max = 100) String decisionNumber,
                                @NotNull LocalDate decidedOn, @FreeText @Size(max = 2000) String reason) {
    }

    /** SHOWN: read for this caller; HIDDEN: the caller's roles do not read names; FORGOTTEN: erased on request. */
    public enum PersonalDataState { SHOWN, HIDDEN, FORGOTTEN }

    public record SubjectView(SubjectKind kind, String unitId, String name, String position,
                              PersonalDataState personalData) {
    }

    public record CriteriaView(String code, Integer version, List<CriterionCheck> checks) {
    }

    public record DecisionView(Decision decision, String decisionNumber, LocalDate decidedOn) {
    }

    public record NominationView(String id, String movement, String phase, Occasion occasion, int year, String form,
                                 SubjectView subject, String achievements, String proposedByUnitId,
                                 String decidingUnitId, boolean proposedUp, NominationState state,
                                 CriteriaView criteria, Recommendation recommendation, DecisionView decision,
                                 List<Step> steps, long version) {
    }

    // ------------------------------------------------------------------ commands

    @Operation(summary = "Lập hồ sơ đề nghị khen thưởng (bản nháp)")
    @ApiResponse(responseCode = "201", description = "Đã tạo",
                 content = @Content(schema = @Schema(implementation = NominationView.class)))
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v1/award-nominations")
    public Mono<ResponseEntity<Object>> nominate(@Valid @RequestBody NominationRequest request,
                                                 @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        String id = RequestIds.resourceId(exchange);
        SubjectRequest subject = request.subject();
        boolean person = subject.kind() != SubjectKind.TAP_THE;
        String name = blankToNull(subject.name());
        if (person && name == null) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "subject.name", "A household or person is nominated by name");
        }
        if (!person && (name != null || blankToNull(subject.position()) != null)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "subject.name", "A collective is the unit itself: no person's name");
        }
        return access.requireRoleAndScope(actor, request.proposedByUnitId(), Role.PLANNER, Role.ADMIN)
                     .then(Mono.zip(person ? personalData.seal(name, blankToNull(subject.position())).map(java.util.Optional::of)
                                           : Mono.just(java.util.Optional.<vn.xhht.ledger.domain.emulation.EmulationMessages.SealedPerson>empty()),
                                    personalData.subjectKey(subject.unitId(), person ? name : null)))
                     .flatMap(sealed -> commands.send(new NominateCommand(
                             id, request.movement(), request.phase(), request.occasion(), request.year(), request.form(),
                             new Subject(subject.kind(), subject.unitId(), sealed.getT1().orElse(null)), sealed.getT2(),
                             request.achievements().strip(), request.proposedByUnitId()), actor, null, exchange)
                             // a refused draft keeps no key: the person was never stored
                             .onErrorResume(e -> sealed.getT1().map(p -> personalData.forget(p.personId())).orElse(Mono.empty())
                                                       .then(Mono.error(e))))
                     .flatMap(version -> reads.answer(id, version, () -> nomination(id, null), NominationRecord::version))
                     .flatMap(answer -> view(answer, actor))
                     .map(body -> ResponseEntity.created(URI.create("/api/v1/award-nominations/" + id)).body(body));
    }

    @Operation(summary = "Gửi hồ sơ đề nghị lên Hội đồng thi đua – khen thưởng (kiểm tra tiêu chí)")
    @PostMapping("/api/v1/award-nominations/{id}/submit")
    public Mono<ResponseEntity<Object>> submit(@PathVariable String id, @Valid @RequestBody(required = false) SubmitRequest request,
                                               @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        String nominationId = Requests.uuid(id, ErrorCode.NOMINATION_NOT_FOUND);
        String achievements = request == null ? null : blankToNull(request.achievements());
        return change(nominationId, n -> n.proposedByUnitId(), List.of(Role.PLANNER, Role.ADMIN),
                      new SubmitNominationCommand(nominationId, achievements), null, actor, exchange);
    }

    @Operation(summary = "Trả lại hồ sơ đề nghị (có lý do)")
    @PostMapping("/api/v1/award-nominations/{id}/return")
    public Mono<ResponseEntity<Object>> giveBack(@PathVariable String id, @Valid @RequestBody ReasonRequest request,
                                                 @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        String nominationId = Requests.uuid(id, ErrorCode.NOMINATION_NOT_FOUND);
        return change(nominationId, NominationRecord::decidingUnitId, List.of(Role.REVIEWER, Role.RECOGNIZER),
                      new ReturnNominationCommand(nominationId, request.reason()), request.reason(), actor, exchange);
    }

    @Operation(summary = "Ý kiến của Hội đồng thi đua – khen thưởng: đề nghị hoặc không đề nghị (có lý do)")
    @PostMapping("/api/v1/award-nominations/{id}/council-review")
    public Mono<ResponseEntity<Object>> review(@PathVariable String id, @Valid @RequestBody CouncilReviewRequest request,
                                               @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        String nominationId = Requests.uuid(id, ErrorCode.NOMINATION_NOT_FOUND);
        return change(nominationId, NominationRecord::decidingUnitId, List.of(Role.REVIEWER),
                      new ReviewNominationCommand(nominationId, request.recommendation(), request.reason()),
                      request.reason(), actor, exchange);
    }

    @Operation(summary = "Ghi quyết định khen thưởng (số, ngày quyết định) hoặc không khen thưởng (có lý do)")
    @PostMapping("/api/v1/award-nominations/{id}/decide")
    public Mono<ResponseEntity<Object>> decide(@PathVariable String id, @Valid @RequestBody DecideRequest request,
                                               @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        String nominationId = Requests.uuid(id, ErrorCode.NOMINATION_NOT_FOUND);
        return change(nominationId, NominationRecord::decidingUnitId, List.of(Role.RECOGNIZER),
                      n -> new DecideNominationCommand(nominationId, request.decision(), request.decisionNumber(),
                                                       request.decidedOn(), request.reason(), quotas.get(n.form())),
                      blankToNull(request.reason()), actor, exchange);
    }

    @Operation(summary = "Hủy quyết định khen thưởng (có lý do)")
    @PostMapping("/api/v1/award-nominations/{id}/revoke")
    public Mono<ResponseEntity<Object>> revoke(@PathVariable String id, @Valid @RequestBody ReasonRequest request,
                                               @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        String nominationId = Requests.uuid(id, ErrorCode.NOMINATION_NOT_FOUND);
        return change(nominationId, NominationRecord::decidingUnitId, List.of(Role.RECOGNIZER),
                      new RevokeAwardCommand(nominationId, request.reason()), request.reason(), actor, exchange);
    }

    @Operation(summary = "Xoá dữ liệu cá nhân của người được đề nghị theo yêu cầu (Nghị định 13/2023/NĐ-CP), có lý do")
    @PostMapping("/api/v1/award-nominations/{id}/forget-person")
    public Mono<ResponseEntity<Object>> forget(@PathVariable String id, @Valid @RequestBody ReasonRequest request,
                                               @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        String nominationId = Requests.uuid(id, ErrorCode.NOMINATION_NOT_FOUND);
        return nomination(nominationId, null)
                .flatMap(n -> access.requireRoleAndScope(actor, n.subjectUnitId(), Role.ADMIN, Role.RECOGNIZER)
                                    .then(commands.send(new ForgetPersonCommand(nominationId, request.reason()), actor,
                                                        request.reason(), exchange))
                                    .flatMap(version -> (n.person() == null ? Mono.<Void>empty()
                                            : personalData.forget(n.person().personId())).thenReturn(version)))
                .flatMap(version -> reads.answer(nominationId, version, () -> nomination(nominationId, null),
                                                 NominationRecord::version))
                .flatMap(answer -> view(answer, actor))
                .map(ResponseEntity::ok);
    }

    private Mono<ResponseEntity<Object>> change(String nominationId,
                                                java.util.function.Function<NominationRecord, String> scopeUnit,
                                                List<Role> roles, Object command, String reason, Actor actor,
                                                ServerWebExchange exchange) {
        return change(nominationId, scopeUnit, roles, n -> command, reason, actor, exchange);
    }

    /** Checks the caller's role and scope on the nomination as the view has it, then sends the command made from it. */
    private Mono<ResponseEntity<Object>> change(String nominationId,
                                                java.util.function.Function<NominationRecord, String> scopeUnit,
                                                List<Role> roles,
                                                java.util.function.Function<NominationRecord, Object> command,
                                                String reason, Actor actor, ServerWebExchange exchange) {
        return nomination(nominationId, null)
                .flatMap(n -> {
                    String unit = scopeUnit.apply(n) == null ? n.proposedByUnitId() : scopeUnit.apply(n);
                    return access.requireRoleAndScope(actor, unit, roles.toArray(Role[]::new)).thenReturn(n);
                })
                .flatMap(n -> commands.send(command.apply(n), actor, reason, exchange))
                .flatMap(version -> reads.answer(nominationId, version, () -> nomination(nominationId, null),
                                                 NominationRecord::version))
                .flatMap(answer -> view(answer, actor))
                .map(ResponseEntity::ok);
    }

    // ------------------------------------------------------------------ reads

    @Operation(summary = "Các phong trào thi đua, giai đoạn, hình thức khen thưởng và tiêu chí")
    @GetMapping("/api/v1/emulation-movements")
    public Mono<MovementList> movements() {
        return reads.ask(new FetchMovementsQuery(), MovementList.class);
    }

    @Operation(summary = "Hồ sơ đề nghị khen thưởng, với từng bước xử lý")
    @GetMapping("/api/v1/award-nominations/{id}")
    public Mono<NominationView> get(@PathVariable String id, @RequestParam(required = false) String asOf,
                                    @AuthenticationPrincipal Actor actor) {
        String nominationId = Requests.uuid(id, ErrorCode.NOMINATION_NOT_FOUND);
        Instant at = Requests.instant(asOf, "asOf");
        return nomination(nominationId, at).flatMap(n -> readable(actor, n).then(open(n, actor)));
    }

    @Operation(summary = "Danh sách hồ sơ đề nghị khen thưởng của một đơn vị (đề nghị, được đề nghị hoặc quyết định)")
    @GetMapping("/api/v1/award-nominations")
    @SuppressWarnings("unchecked")
    public Mono<Page<NominationView>> list(@RequestParam(required = false) String unitId,
                                           @RequestParam(required = false) String movement,
                                           @RequestParam(required = false) String phase,
                                           @RequestParam(required = false) NominationState state,
                                           @RequestParam(required = false) Integer limit,
                                           @RequestParam(required = false) String cursor,
                                           @AuthenticationPrincipal Actor actor) {
        if (unitId != null) {
            Requests.unitId(unitId);
        } else if (!access.readsEverything(actor)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "unitId", "The unit whose nominations are listed");
        }
        code(movement, "movement");
        code(phase, "phase");
        ListNominationsQuery query = new ListNominationsQuery(unitId, movement, phase, state, false, Requests.limit(limit), cursor);
        return (unitId == null ? Mono.<Void>empty() : access.requireRead(actor, unitId))
                .then(reads.ask(query, Page.class))
                .flatMap(page -> Flux.fromIterable((List<NominationRecord>) page.items()).concatMap(n -> open(n, actor))
                                     .collectList().map(items -> new Page<>(items, page.next())));
    }

    @Operation(summary = "Xuất danh sách hồ sơ đề nghị khen thưởng của một đơn vị (.xlsx); họ tên chỉ với vai trò được đọc")
    @GetMapping(path = "/api/v1/award-nominations", params = "format")
    public Mono<ResponseEntity<byte[]>> export(@RequestParam String unitId, @RequestParam String format,
                                               @RequestParam(required = false) String movement,
                                               @RequestParam(required = false) String phase,
                                               @AuthenticationPrincipal Actor actor) {
        if (!"xlsx".equals(format)) {
            throw new RequestRefusedException(ErrorCode.VALIDATION_FAILED, "format", "format is xlsx");
        }
        return list(unitId, movement, phase, null, 500, null, actor)
                .publishOn(reactor.core.scheduler.Schedulers.boundedElastic()) // the workbook is written off the event loop
                .map(page -> {
                    var workbook = Spreadsheets.workbook();
                    var sheet = workbook.createSheet("Đề nghị khen thưởng");
                    Spreadsheets.row(sheet, 0, List.of("Danh sách hồ sơ đề nghị khen thưởng — " + unitId));
                    Spreadsheets.header(workbook, sheet, 1, List.of("Mã hồ sơ", "Phong trào", "Giai đoạn", "Đợt", "Năm",
                            "Hình thức", "Đối tượng", "Đơn vị của đối tượng", "Họ và tên", "Chức vụ", "Thành tích",
                            "Đơn vị đề nghị", "Cấp quyết định", "Trạng thái", "Số quyết định", "Ngày quyết định"));
                    int r = 2;
                    for (NominationView n : page.items()) {
                        Spreadsheets.row(sheet, r++, java.util.Arrays.asList(
                                n.id(), n.movement(), n.phase(), n.occasion().name(), n.year(), n.form(), n.subject().kind().name(),
                                n.subject().unitId(), personal(n.subject(), true), personal(n.subject(), false),
                                n.achievements(), n.proposedByUnitId(), n.decidingUnitId(), n.state().name(),
                                n.decision() == null ? null : n.decision().decisionNumber(),
                                n.decision() == null ? null : n.decision().decidedOn()));
                    }
                    return Spreadsheets.bytes(workbook);
                })
                .map(bytes -> ResponseEntity.ok().contentType(org.springframework.http.MediaType.parseMediaType(Spreadsheets.XLSX))
                                            .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                                                    org.springframework.http.ContentDisposition.attachment()
                                                            .filename("de-nghi-khen-thuong-" + unitId + ".xlsx").build().toString())
                                            .body(bytes));
    }

    /** A person's name (or position) as the caller may read it; a collective has none. */
    private static String personal(SubjectView subject, boolean name) {
        if (subject.personalData() == null) {
            return null;
        }
        return switch (subject.personalData()) {
            case SHOWN -> name ? subject.name() : subject.position();
            case HIDDEN -> name ? "(được bảo vệ)" : null;
            case FORGOTTEN -> name ? PersonalData.FORGOTTEN : null;
        };
    }

    @Operation(summary = "Các khen thưởng đơn vị (hoặc người, hộ gia đình thuộc đơn vị) đã nhận")
    @GetMapping("/api/v1/units/{id}/awards")
    @SuppressWarnings("unchecked")
    public Mono<Page<NominationView>> awards(@PathVariable String id, @RequestParam(required = false) String phase,
                                             @RequestParam(required = false) Integer limit,
                                             @RequestParam(required = false) String cursor,
                                             @AuthenticationPrincipal Actor actor) {
        Requests.unitId(id);
        code(phase, "phase");
        ListNominationsQuery query = new ListNominationsQuery(id, null, phase, null, true, Requests.limit(limit), cursor);
        return access.requireRead(actor, id)
                     .then(reads.ask(query, Page.class))
                     .flatMap(page -> Flux.fromIterable((List<NominationRecord>) page.items()).concatMap(n -> open(n, actor))
                                          .collectList().map(items -> new Page<>(items, page.next())));
    }

    private Mono<Void> readable(Actor actor, NominationRecord n) {
        return Flux.fromIterable(n.units()).concatMap(unit -> access.mayRead(actor, unit)).any(Boolean::booleanValue)
                   .flatMap(may -> may ? Mono.<Void>empty() : access.requireRead(actor, n.subjectUnitId()));
    }

    private Mono<NominationRecord> nomination(String id, Instant asOf) {
        return reads.ask(new FetchNominationQuery(id, asOf), NominationRecord.class);
    }

    private Mono<Object> view(Reads.Answer answer, Actor actor) {
        return answer.body() instanceof NominationRecord n ? open(n, actor).map(v -> (Object) v) : Mono.just(answer.body());
    }

    /** The nomination as this caller may see it: the person opened for the roles that read names, while not forgotten. */
    private Mono<NominationView> open(NominationRecord n, Actor actor) {
        Mono<SubjectView> subject;
        if (n.subjectKind() == SubjectKind.TAP_THE) {
            subject = Mono.just(new SubjectView(n.subjectKind(), n.subjectUnitId(), null, null, null));
        } else if (n.forgotten() || n.person() == null) {
            subject = Mono.just(new SubjectView(n.subjectKind(), n.subjectUnitId(), PersonalData.FORGOTTEN, null,
                                                PersonalDataState.FORGOTTEN));
        } else if (!actor.hasAnyRole(READ_NAMES)) {
            subject = Mono.just(new SubjectView(n.subjectKind(), n.subjectUnitId(), null, null, PersonalDataState.HIDDEN));
        } else {
            subject = personalData.open(n.person()).map(opened -> opened
                    .map(o -> new SubjectView(n.subjectKind(), n.subjectUnitId(), o.name(), o.position(), PersonalDataState.SHOWN))
                    .orElseGet(() -> new SubjectView(n.subjectKind(), n.subjectUnitId(), PersonalData.FORGOTTEN, null,
                                                     PersonalDataState.FORGOTTEN)));
        }
        return subject.map(s -> new NominationView(
                n.id(), n.movement(), n.phase(), n.occasion(), n.year(), n.form(), s, n.achievements(), n.proposedByUnitId(),
                n.decidingUnitId(), n.proposedUp(), n.state(),
                n.criteria() == null ? null : new CriteriaView(n.criteria(), n.criteriaVersion(), n.checks()),
                n.recommendation(), n.decision() == null ? null : new DecisionView(n.decision(), n.decisionNumber(), n.decidedOn()),
                n.steps(), n.version()));
    }

    private static void code(String value, String field) {
        if (value != null && !value.matches(AssessmentRequests.CODE)) {
            throw new RequestRefusedException(ErrorCode.VALIDATION_FAILED, field, "A code such as PT-1315-2023");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
