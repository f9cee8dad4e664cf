package vn.xhht.ledger.infrastructure.web;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.xhht.ledger.domain.common.Page;
import vn.xhht.ledger.infrastructure.admin.ProjectionRebuilds;
import vn.xhht.ledger.infrastructure.security.Actor;
import vn.xhht.ledger.infrastructure.security.Role;

/**
 * Projections (API.md: History and audit): where each stands against the log, and a verified rebuild that replays
 * the log into a fresh copy while the live one keeps serving and says whether the two are equal.
 */
@RestController
@RequestMapping("/api/v1/admin/projections")
public class AdminController {

    private final AccessPolicy access;
    private final ProjectionRebuilds rebuilds;

    public AdminController(AccessPolicy access, ProjectionRebuilds rebuilds) {
        this.access = access;
        this.rebuilds = rebuilds;
    }

    /**
     * {@code {items: [{name, position, lag, rebuildEvents?, segments: [{segment, node, local, position}]}]}};
     * {@code rebuildEvents} shows a running rebuild, {@code segments} which node processes each segment.
     */
    @Operation(summary = "Các khung nhìn (projection) và độ trễ")
    @GetMapping
    public Mono<Page<ProjectionRebuilds.Status>> projections(@AuthenticationPrincipal Actor actor) {
        return access.requireRole(actor, Role.ADMIN, Role.AUDITOR)
                     .then(Mono.fromCallable(() -> new Page<>(rebuilds.statuses(), null))
                               .subscribeOn(Schedulers.boundedElastic()));
    }

    /**
     * {@code {name, events, equal, differences, swapped}} once the replay and the comparison are done;
     * {@code ?swap=true} then puts the rebuilt copy in place of the live one.
     */
    @Operation(summary = "Dựng lại một khung nhìn từ nhật ký và so sánh với bản đang chạy")
    @PostMapping("/{name}/rebuild")
    public Mono<ProjectionRebuilds.Result> rebuild(@PathVariable String name,
                                                   @RequestParam(defaultValue = "false") boolean swap,
                                                   @AuthenticationPrincipal Actor actor) {
        return access.requireRole(actor, Role.ADMIN)
                     .then(Mono.fromCallable(() -> rebuilds.rebuild(name, swap)).subscribeOn(Schedulers.boundedElastic()));
    }
}
