package vn.xhht.ledger.infrastructure.security;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

import java.util.Set;

/**
 * The browser app's login: a server-side session named by an HttpOnly, SameSite=Strict cookie
 * ({@code server.reactive.session.cookie.*}); no password or token is kept by the browser. Only a request that
 * carries the session cookie is looked up in the session store, so machine clients (Basic, JWT) never create or
 * touch a session. A state-changing request made with the session must carry the session's CSRF token
 * ({@link #NEEDS_CSRF_TOKEN}): the cookie {@code XSRF-TOKEN}, readable by the page, echoed in the header
 * {@code X-XSRF-TOKEN}.
 */
public final class BrowserSessions implements ServerSecurityContextRepository {

    /** The session cookie's name (set in application.yml, {@code server.reactive.session.cookie.name}). */
    public static final String COOKIE = "XHHT_SESSION";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
                                                       HttpMethod.TRACE);

    /** A state-changing request sent with the session cookie. */
    public static final ServerWebExchangeMatcher NEEDS_CSRF_TOKEN = exchange ->
            hasSessionCookie(exchange) && !SAFE.contains(exchange.getRequest().getMethod())
                    ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();

    private final WebSessionServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();

    /**
     * Issues the CSRF token's cookie to a browser session (Spring Security makes the token lazily: nothing asks for it
     * otherwise): on every request with the session cookie, and on the login itself.
     */
    public static WebFilter csrfCookie() {
        return (exchange, chain) -> {
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            boolean browser = hasSessionCookie(exchange) || (exchange.getRequest().getMethod() == HttpMethod.POST
                    && exchange.getRequest().getPath().value().equals("/api/v1/session"));
            return token == null || !browser ? chain.filter(exchange) : token.then(chain.filter(exchange));
        };
    }

    public static boolean hasSessionCookie(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        return cookie != null && !cookie.getValue().isEmpty();
    }

    @Override
    public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
        return sessions.save(exchange, context);
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        return hasSessionCookie(exchange) ? sessions.load(exchange) : Mono.empty();
    }
}
