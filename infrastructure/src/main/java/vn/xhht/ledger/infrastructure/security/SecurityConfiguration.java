package vn.xhht.ledger.infrastructure.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.infrastructure.web.Problems;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may call the service. HTTP Basic against the users file; JWT bearer tokens as well when an issuer or key
 * is configured ({@code spring.security.oauth2.resourceserver.jwt.*}), with roles and unit scope taken from
 * the claims named by {@code xhht.security.jwt.roles-claim} and {@code xhht.security.jwt.units-claim}.
 * The browser app logs in with a server session instead ({@link BrowserSessions}: an HttpOnly cookie, CSRF tokens on
 * changes); machine clients stay stateless. Refusals are problem+json.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

    /** The header value the browser app sends with every call ({@code X-Requested-With}). */
    public static final String BROWSER_APP = "xhht-web";

    @Bean
    public UsersDirectory usersDirectory(@Value("${xhht.security.users-file:./config/users.yml}") String usersFile) {
        return UsersDirectory.load(usersFile);
    }

    /**
     * No observation around each security filter, authentication or authorization of every request: nothing reads
     * them, and wrapping each filter (even in a no-op observation) held about 5% of a cached GET's JFR samples.
     */
    @Bean
    public SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    public SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, UsersDirectory users,
                                                         Problems problems,
                                                         ObjectProvider<ReactiveJwtDecoder> jwtDecoder,
                                                         @Value("${xhht.security.jwt.roles-claim:roles}") String rolesClaim,
                                                         @Value("${xhht.security.jwt.units-claim:units}") String unitsClaim) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, e) -> {
            if (!BROWSER_APP.equals(exchange.getRequest().getHeaders().getFirst("X-Requested-With"))) {
                // the browser app asks for no login dialog: it shows its own login page
                exchange.getResponse().getHeaders().set("WWW-Authenticate", "Basic realm=\"xhht-ledger\"");
            }
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, ErrorCode.UNAUTHENTICATED,
                                  "Missing or bad credentials", List.of());
        };
        ServerAccessDeniedHandler denied = (exchange, e) -> problems.write(
                exchange, HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN_ROLE, e.getMessage(), List.of());
        ServerAccessDeniedHandler badCsrfToken = (exchange, e) -> problems.write(
                exchange, HttpStatus.FORBIDDEN, ErrorCode.CSRF_TOKEN_INVALID,
                "A change made with the browser session needs its CSRF token (header X-XSRF-TOKEN)", List.of());
        CookieServerCsrfTokenRepository csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict").path("/"));
        http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                              .requireCsrfProtectionMatcher(BrowserSessions.NEEDS_CSRF_TOKEN)
                              .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                              .accessDeniedHandler(badCsrfToken))
            .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
            .logout(ServerHttpSecurity.LogoutSpec::disable)
            .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
            .securityContextRepository(new BrowserSessions())
            .authorizeExchange(exchanges -> exchanges
                    .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                    // the API's description is public; trying a call from Swagger UI needs a login like any other
                    .pathMatchers(org.springframework.http.HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**",
                                  "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**").permitAll()
                    // the browser app's login (its own page and files are public; every call it makes is not)
                    .pathMatchers(org.springframework.http.HttpMethod.POST, "/api/v1/session").permitAll()
                    .pathMatchers("/api/**", "/actuator/**", "/v3/**").authenticated()
                    .pathMatchers(org.springframework.http.HttpMethod.GET, "/**").permitAll()
                    .anyExchange().authenticated())
            .addFilterAfter(BrowserSessions.csrfCookie(), SecurityWebFiltersOrder.CSRF)
            .httpBasic(basic -> basic.authenticationManager(users).authenticationEntryPoint(unauthenticated)
                                     // Basic is checked on every request: it never starts a session
                                     .securityContextRepository(NoOpServerSecurityContextRepository.getInstance()))
            .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated)
                                                   .accessDeniedHandler(denied));
        jwtDecoder.ifAvailable(decoder -> http.oauth2ResourceServer(resourceServer -> resourceServer
                .authenticationEntryPoint(unauthenticated)
                .accessDeniedHandler(denied)
                .jwt(jwt -> jwt.jwtDecoder(decoder)
                               .jwtAuthenticationConverter(token -> Mono.just(
                                       new ActorAuthentication(actorOf(token, rolesClaim, unitsClaim)))))));
        return http.build();
    }

    /**
     * Requests Spring Security's firewall refuses before anything else runs (an encoded {@code /}, {@code .} or NUL in
     * the path, {@code ..} segments): a 400 problem+json like every other refusal, not an empty 400.
     */
    @Bean
    public org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler exchangeRejectedHandler(
            Problems problems) {
        return (exchange, rejected) -> problems.write(exchange, HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED,
                                                      "The request's path or headers are not acceptable", List.of());
    }

    static Actor actorOf(Jwt token, String rolesClaim, String unitsClaim) {
        String username = token.getClaimAsString("preferred_username");
        Set<Role> roles = new HashSet<>();
        for (String role : strings(token.getClaim(rolesClaim))) {
            try {
                roles.add(Role.valueOf(role));
            } catch (IllegalArgumentException ignored) {
                // roles of other applications
            }
        }
        return new Actor(username == null ? token.getSubject() : username, roles,
                         new HashSet<>(strings(token.getClaim(unitsClaim))));
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String value) {
            return List.of(value.split("[ ,]+"));
        }
        return List.of();
    }
}
