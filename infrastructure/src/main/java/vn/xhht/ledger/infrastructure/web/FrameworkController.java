package vn.xhht.ledger.infrastructure.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import vn.xhht.ledger.infrastructure.web.input.StrictJsonDecoder;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.FrameworkMessages.FetchFrameworkVersionQuery;
import vn.xhht.ledger.domain.framework.FrameworkMessages.FetchFrameworksQuery;
import vn.xhht.ledger.domain.framework.FrameworkMessages.FrameworkList;
import vn.xhht.ledger.domain.framework.FrameworkMessages.PublishFrameworkVersionCommand;
import vn.xhht.ledger.domain.common.PublishResult;
import vn.xhht.ledger.infrastructure.framework.FrameworkDocuments;
import vn.xhht.ledger.infrastructure.security.Actor;
import vn.xhht.ledger.infrastructure.security.Role;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/** Criteria frameworks: versioned documents, readable by every user, published by an ADMIN (API.md: Criteria frameworks). */
@RestController
@RequestMapping("/api/v1/frameworks")
public class FrameworkController {

    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9._-]{0,63}");

    private final Commands commands;
    private final Reads reads;
    private final AccessPolicy access;

    public FrameworkController(Commands commands, Reads reads, AccessPolicy access) {
        this.commands = commands;
        this.reads = reads;
        this.access = access;
    }

    @Operation(summary = "Các khung tiêu chí")
    @GetMapping
    public Mono<FrameworkList> list(@RequestParam(required = false) String asOf) {
        return reads.ask(new FetchFrameworksQuery(Requests.instant(asOf, "asOf")), FrameworkList.class);
    }

    @Operation(summary = "Một phiên bản khung tiêu chí (hoặc latest)")
    @GetMapping("/{code}/versions/{version}")
    public Mono<CriteriaFramework> version(@PathVariable String code, @PathVariable String version,
                                           @RequestParam(required = false) String asOf) {
        Instant asOfInstant = Requests.instant(asOf, "asOf");
        if (!CODE.matcher(code).matches()) {
            throw new DomainException(ErrorCode.FRAMEWORK_NOT_FOUND, "No framework " + code);
        }
        Integer wanted;
        if ("latest".equals(version)) {
            wanted = null;
        } else if (version.matches("\\d{1,6}")) {
            wanted = Integer.valueOf(version);
        } else {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "version", "A version number, or latest");
        }
        return reads.ask(new FetchFrameworkVersionQuery(code, wanted, asOfInstant), CriteriaFramework.class);
    }

    /** Publishes the framework document in the body (JSON, the same fields as the YAML files) as a version. */
    @Operation(summary = "Công bố phiên bản mới của khung tiêu chí (cùng nội dung: không lưu gì thêm)")
    @ApiResponse(responseCode = "201", description = "Phiên bản mới đã công bố", content = @Content(schema = @Schema(implementation = CriteriaFramework.class)))
    @ApiResponse(responseCode = "200", description = "Cùng nội dung với phiên bản mới nhất: không lưu gì thêm", content = @Content(schema = @Schema(implementation = CriteriaFramework.class)))
    @PostMapping
    public Mono<ResponseEntity<CriteriaFramework>> publish(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    description = "The framework document (the fields of the YAML files in frameworks/)", required = true,
                    content = @Content(mediaType = "application/json", schema = @Schema(implementation = CriteriaFramework.class),
                                       examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "khung-mau", value = "{\"code\": \"VD-DVHT-MAU\", \"version\": 1, \"title\": \"Khung mẫu: đánh giá Đơn vị học tập\", \"subjectTitle\": \"DON_VI_HOC_TAP\", \"regulation\": \"Thông tư 22/2020/TT-BGDĐT\", \"effectiveFrom\": \"2020-09-21\", \"decision\": \"POINTS\", \"criteria\": [{\"code\": \"TC1\", \"name\": \"Công tác lãnh đạo, chỉ đạo\", \"indicators\": [{\"code\": \"TC1.1\", \"name\": \"Xây dựng kế hoạch\", \"maxPoints\": 50}, {\"code\": \"TC1.2\", \"name\": \"Kiểm tra, đánh giá\", \"maxPoints\": 50}]}], \"thresholds\": [{\"result\": \"TOT\", \"minPoints\": 85}, {\"result\": \"KHA\", \"minPoints\": 70}, {\"result\": \"TRUNG_BINH\", \"minPoints\": 50}], \"validityYears\": 0, \"filingDeadline\": \"--03-31\", \"authorities\": [{\"unitLevel\": \"PROVINCE\", \"authority\": \"Chủ tịch UBND cấp tỉnh\", \"from\": \"2020-09-21\"}], \"provisional\": true, \"notes\": \"Ví dụ minh hoạ, không phải văn bản pháp quy\"}")))
            @RequestBody byte[] body, @AuthenticationPrincipal Actor actor,
                                                           ServerWebExchange exchange) {
        return access.requireRole(actor, Role.ADMIN)
                     .then(Mono.fromCallable(() -> {
                         StrictJsonDecoder.check(body);
                         return FrameworkDocuments.fromJson(body);
                     }))
                     .flatMap(framework -> commands.sendForResult(
                             new PublishFrameworkVersionCommand(framework.code(), framework,
                                                                FrameworkDocuments.contentHash(framework), "api"),
                             actor, null, exchange))
                     .cast(PublishResult.class)
                     .flatMap(result -> published(result)
                             .map(framework -> result.created()
                                     ? ResponseEntity.created(URI.create("/api/v1/frameworks/" + result.code()
                                                                                 + "/versions/" + result.version()))
                                                     .body(framework)
                                     : ResponseEntity.ok(framework)));
    }

    /**
     * The published version once the view lists it as the latest too (it writes the version before the index), so
     * that a read of {@code versions/latest} after the answer sees it.
     */
    private Mono<CriteriaFramework> published(PublishResult result) {
        return reads.ask(new FetchFrameworkVersionQuery(result.code(), null, null), CriteriaFramework.class)
                    .filter(latest -> latest.version() != null && latest.version() >= result.version())
                    .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.FRAMEWORK_NOT_FOUND,
                                                                        "Not in the view yet")))
                    .then(reads.ask(new FetchFrameworkVersionQuery(result.code(), result.version(), null),
                                    CriteriaFramework.class))
                    .retryWhen(reactor.util.retry.Retry.fixedDelay(500, Duration.ofMillis(10))
                                                       .filter(e -> e instanceof DomainException));
    }
}
