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
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
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
 * Stateless: no session, no CSRF token (no cookies are ever issued). Refusals are problem+json.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

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
            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Basic realm=\"xhht-ledger\"");
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, ErrorCode.UNAUTHENTICATED,
                                  "Missing or bad credentials", List.of());
        };
        ServerAccessDeniedHandler denied = (exchange, e) -> problems.write(
                exchange, HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN_ROLE, e.getMessage(), List.of());
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
            .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
            .logout(ServerHttpSecurity.LogoutSpec::disable)
            .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
            .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
            .authorizeExchange(exchanges -> exchanges
                    .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                    // the API's description is public; trying a call from Swagger UI needs a login like any other
                    .pathMatchers(org.springframework.http.HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**",
                                  "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**").permitAll()
                    .anyExchange().authenticated())
            .httpBasic(basic -> basic.authenticationManager(users).authenticationEntryPoint(unauthenticated))
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
