package vn.xhht.ledger.infrastructure.api;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Base of the HTTP tests: the whole service on a random port, the embedded MongoDB (memory backend) behind it
 * over TCP, the demo users, and a client per user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"xhht.mongodb.embedded.backend=memory",
                              "xhht.security.users-file=target/no-such-users-file.yml",
                              "xhht.commands.timeout=PT100S",
                              "xhht.audit.checkpoint-interval=PT0.3S"})
public abstract class ApiTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected com.mongodb.client.MongoDatabase eventDatabase;

    @BeforeEach
    void checkPort() {
        if (port == 0) {
            throw new IllegalStateException("no port");
        }
    }

    protected WebTestClient as(String user) {
        String password = user + "-demo";
        return WebTestClient.bindToServer()
                            .baseUrl("http://localhost:" + port + "/api/v1")
                            .responseTimeout(Duration.ofSeconds(120))
                            .filter(SlowRequestWatchdog.FILTER)
                            .defaultHeaders(h -> h.setBasicAuth(user, password))
                            .defaultHeader("Content-Type", MediaType.APPLICATION_JSON_VALUE)
                            .build();
    }

    protected WebTestClient anonymous() {
        // the OpenAPI document is larger than the client's default 256 KB buffer
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                            .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
    }

    /** A unit id no other test uses. */
    protected static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected void register(String id, String kind, String parentId, String validFrom) {
        Map<String, Object> body = parentId == null
                ? Map.of("id", id, "name", "Đơn vị " + id, "kind", kind, "validFrom", validFrom)
                : Map.of("id", id, "name", "Đơn vị " + id, "kind", kind, "parentId", parentId, "validFrom", validFrom);
        as("admin").post().uri("/units").bodyValue(body).exchange().expectStatus().isCreated();
    }

    /** A province, a district under it and a commune under that, all from 2020; returns their ids. */
    protected String[] provinceDistrictCommune() {
        String province = fresh("tinh");
        String district = fresh("huyen");
        String commune = fresh("xa");
        register(province, "PROVINCE", null, "2020-01-01");
        register(district, "DISTRICT", province, "2020-01-01");
        register(commune, "COMMUNE", district, "2020-01-01");
        return new String[]{province, district, commune};
    }

    /**
     * Huyện Củ Chi ({@code cu-chi}, the demo user cuchi's scope) under {@code province}, unless an earlier test
     * registered it (under its own province).
     */
    protected void cuChiUnder(String province) {
        as("admin").post().uri("/units").bodyValue(Map.of("id", "cu-chi", "name", "Huyện Củ Chi", "kind", "DISTRICT",
                                                          "parentId", province, "validFrom", "2020-01-01"))
                   .exchange(); // 201, or 409 when an earlier test registered it
    }

    /** A plan of {@link PlansApiTest#plan} drafted and issued by the planner; answers its id. */
    protected String createIssued(String issuer) {
        String location = as("planner").post().uri("/plans").bodyValue(PlansApiTest.plan(issuer)).exchange()
                                       .expectStatus().isCreated()
                                       .expectBody().jsonPath("$.status").isEqualTo("DRAFT")
                                       .returnResult().getResponseHeaders().getLocation().getPath();
        String id = location.substring(location.lastIndexOf('/') + 1);
        as("planner").post().uri("/plans/{id}/issue", id).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.status").isEqualTo("ISSUED").jsonPath("$.version").isEqualTo(2);
        return id;
    }

    /** Waits until the emulation movement and its criteria (published at start-up) are in the view. */
    protected void waitForMovement() {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (!as("auditor").get().uri("/emulation-movements").exchange().expectStatus().isOk()
                             .expectBody(String.class).returnResult().getResponseBody().contains("KH163-2024-TDXHHT")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the movement PT-1315-2023 never appeared");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until the framework (published at start-up) is in the view. */
    protected void waitForFramework(String code) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (as("auditor").get().uri("/frameworks/{c}/versions/latest", code).exchange()
                            .returnResult(String.class).getStatus().value() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("framework " + code + " never appeared");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Opens an assessment as the assessor once the framework is published; answers its id. */
    protected String openAssessment(String subject, String framework, Object scores, int year) {
        waitForFramework(framework);
        String location = as("assessor").post().uri("/assessments")
                                        .bodyValue(Map.of("subjectUnitId", subject, "framework", framework, "year", year,
                                                          "scores", scores))
                                        .exchange().expectStatus().isCreated()
                                        .returnResult(String.class).getResponseHeaders().getLocation().getPath();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
