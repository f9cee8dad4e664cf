package vn.xhht.ledger.infrastructure.web;


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
import vn.xhht.ledger.domain.framework.FrameworkMessages.PublishResult;
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

    @GetMapping
    public Mono<FrameworkList> list(@RequestParam(required = false) String asOf) {
        return reads.ask(new FetchFrameworksQuery(Requests.instant(asOf, "asOf")), FrameworkList.class);
    }

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
    @PostMapping
    public Mono<ResponseEntity<CriteriaFramework>> publish(@RequestBody byte[] body, @AuthenticationPrincipal Actor actor,
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
