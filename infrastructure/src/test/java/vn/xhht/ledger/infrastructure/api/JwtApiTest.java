package vn.xhht.ledger.infrastructure.api;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** With a JWT key configured, bearer tokens authenticate too; roles and scope come from their claims. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"xhht.mongodb.embedded.backend=memory",
                              "xhht.security.users-file=target/no-such-users-file.yml"})
class JwtApiTest {

    private static final KeyPair TRUSTED = keys();
    private static final KeyPair STRANGER = keys();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void jwtKey(DynamicPropertyRegistry registry) throws Exception {
        Path pem = Files.createTempFile("xhht-jwt", ".pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                               + Base64.getMimeEncoder().encodeToString(TRUSTED.getPublic().getEncoded())
                               + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
    }

    @Test
    void aBearerTokenActsAsItsSubjectWithTheRolesAndUnitsOfItsClaims() {
        bearer(token(TRUSTED, "can-bo-so", List.of("ADMIN"), List.of("*")))
                .post().uri("/units").bodyValue(Map.of("id", "jwt-tinh", "name", "Tỉnh", "kind", "PROVINCE",
                                                       "validFrom", "2020-01-01"))
                .exchange().expectStatus().isCreated();
        String location = bearer(token(TRUSTED, "can-bo-ke-hoach", List.of("PLANNER"), List.of("jwt-tinh")))
                .post().uri("/plans").bodyValue(PlansApiTest.plan("jwt-tinh"))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.lastStatusChange.actor").isEqualTo("can-bo-ke-hoach")
                .returnResult().getResponseHeaders().getLocation().getPath();
        bearer(token(TRUSTED, "nguoi-xem", List.of("VIEWER"), List.of("jwt-tinh")))
                .post().uri(location.replace("/api/v1", "") + "/issue").exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN_ROLE");
        bearer(token(TRUSTED, "nguoi-xem", List.of("VIEWER"), List.of("jwt-tinh")))
                .get().uri(location.replace("/api/v1", "")).exchange().expectStatus().isOk();
    }

    @Test
    void aTokenSignedByAnotherKeyOrExpiredIsUnauthorized() {
        bearer(token(STRANGER, "ke-gia-mao", List.of("ADMIN"), List.of("*"))).get().uri("/plans").exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("UNAUTHENTICATED");
        bearer(expiredToken()).get().uri("/plans").exchange().expectStatus().isUnauthorized();
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port + "/api/v1")
                     .defaultHeaders(h -> h.setBasicAuth("auditor", "auditor-demo")).build()
                     .get().uri("/plans").exchange().expectStatus().isOk();
    }

    private WebTestClient bearer(String token) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port + "/api/v1")
                            .responseTimeout(Duration.ofSeconds(120))
                            .defaultHeaders(h -> h.setBearerAuth(token))
                            .defaultHeader("Content-Type", "application/json").build();
    }

    private static String token(KeyPair keys, String user, List<String> roles, List<String> units) {
        return sign(keys, new JWTClaimsSet.Builder().subject("sub-" + user).claim("preferred_username", user)
                                                    .claim("roles", roles).claim("units", units)
                                                    .issueTime(new Date())
                                                    .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
    }

    private static String expiredToken() {
        return sign(TRUSTED, new JWTClaimsSet.Builder().subject("old").claim("roles", List.of("AUDITOR"))
                                                       .claim("units", List.of("*"))
                                                       .expirationTime(Date.from(Instant.now().minusSeconds(3600))).build());
    }

    private static String sign(KeyPair keys, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
