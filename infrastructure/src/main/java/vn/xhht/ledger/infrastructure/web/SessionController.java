package vn.xhht.ledger.infrastructure.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.infrastructure.security.Actor;
import vn.xhht.ledger.infrastructure.security.ActorAuthentication;
import vn.xhht.ledger.infrastructure.security.BrowserSessions;
import vn.xhht.ledger.infrastructure.security.UsersDirectory;

import java.util.List;

/**
 * The browser app's login ({@link BrowserSessions}): {@code POST /session} checks the user against the users file and
 * starts a server session (a new session id, so none chosen before the login survives it), {@code GET /session} says
 * who is logged in (any authentication), {@code DELETE /session} ends it. Idle sessions expire
 * ({@code server.reactive.session.timeout}); the app then shows its login page again.
 */
@RestController
@RequestMapping("/api/v1/session")
public class SessionController {

    private final UsersDirectory users;
    private final BrowserSessions sessions = new BrowserSessions();

    public SessionController(UsersDirectory users) {
        this.users = users;
    }

    @Schema(description = "Đăng nhập", example = "{\"username\":\"planner\",\"password\":\"planner-demo\"}")
    public record LoginRequest(@NotBlank @Size(max = 100) @Schema(example = "planner") String username,
                               @NotNull @Size(max = 200) @Schema(example = "planner-demo") String password) {
    }

    /** Who is logged in: name, roles and scope (the unit subtrees; {@code *} for all). */
    public record SessionView(String username, List<String> roles, List<String> scope) {
        static SessionView of(Actor actor) {
            return new SessionView(actor.username(), actor.roleNames(), actor.scope().stream().sorted().toList());
        }
    }

    @Operation(summary = "Đăng nhập (phiên trình duyệt, cookie HttpOnly)")
    @PostMapping
    public Mono<SessionView> login(@Valid @RequestBody LoginRequest request, ServerWebExchange exchange) {
        return users.authenticate(new UsernamePasswordAuthenticationToken(request.username(), request.password()))
                    .onErrorMap(BadCredentialsException.class, e -> new DomainException(
                            ErrorCode.UNAUTHENTICATED, "Tên đăng nhập hoặc mật khẩu không đúng"))
                    .cast(ActorAuthentication.class)
                    .flatMap(authentication -> exchange.getSession()
                            .flatMap(session -> session.changeSessionId().thenReturn(session))
                            .flatMap(session -> {
                                session.start();
                                return sessions.save(exchange, new SecurityContextImpl(authentication));
                            })
                            .thenReturn(SessionView.of(authentication.getPrincipal())));
    }

    @Operation(summary = "Người đang đăng nhập: tên, vai trò, phạm vi")
    @GetMapping
    public Mono<SessionView> current(@AuthenticationPrincipal Actor actor) {
        return Mono.just(SessionView.of(actor));
    }

    @Operation(summary = "Đăng xuất")
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> logout(ServerWebExchange exchange) {
        return exchange.getSession().flatMap(WebSession::invalidate);
    }
}
