package vn.xhht.ledger.infrastructure.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.xhht.ledger.XhhtLedgerApplication;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The embedded default keeps everything on disk: the service is started on an H2 data directory, used, stopped,
 * and started again on the same directory.
 */
class RestartTest {

    @TempDir
    Path data;

    @Test
    void aClosedPlanIsStillClosedAfterARestartAndShowsWhoClosedItAndWhy() {
        String planPath;
        try (ConfigurableApplicationContext app = start()) {
            WebTestClient admin = client(app, "admin");
            WebTestClient planner = client(app, "planner");
            admin.post().uri("/units").bodyValue(Map.of("id", "hcm", "name", "TP. Hồ Chí Minh", "kind", "PROVINCE",
                                                        "validFrom", "2020-01-01")).exchange().expectStatus().isCreated();
            admin.post().uri("/units").bodyValue(Map.of("id", "cu-chi", "name", "Huyện Củ Chi", "kind", "DISTRICT",
                                                        "parentId", "hcm", "validFrom", "2020-01-01"))
                 .exchange().expectStatus().isCreated();
            admin.post().uri("/units").bodyValue(Map.of("id", "tan-thong-hoi", "name", "Xã Tân Thông Hội",
                                                        "kind", "COMMUNE", "parentId", "cu-chi", "validFrom", "2020-01-01"))
                 .exchange().expectStatus().isCreated();
            planPath = planner.post().uri("/plans").header("Idempotency-Key", "ke-hoach-2023")
                              .bodyValue(PlansApiTest.plan("cu-chi")).exchange()
                              .expectStatus().isCreated().returnResult(String.class)
                              .getResponseHeaders().getLocation().getPath().replace("/api/v1", "");
            planner.post().uri(planPath + "/issue").exchange().expectStatus().isOk();
            planner.post().uri(planPath + "/close").bodyValue(Map.of("reason", "Chốt số liệu năm 2023"))
                   .exchange().expectStatus().isOk();
        }
        try (ConfigurableApplicationContext app = start()) {
            client(app, "auditor").get().uri(planPath).exchange()
                                  .expectStatus().isOk()
                                  .expectBody()
                                  .jsonPath("$.status").isEqualTo("CLOSED")
                                  .jsonPath("$.lastStatusChange.actor").isEqualTo("planner")
                                  .jsonPath("$.lastStatusChange.reason").isEqualTo("Chốt số liệu năm 2023")
                                  .jsonPath("$.version").isEqualTo(3);
            client(app, "auditor").get().uri("/units/cu-chi/children").exchange()
                                  .expectBody().jsonPath("$.items[0].id").isEqualTo("tan-thong-hoi");
            client(app, "planner").post().uri(planPath + "/close").bodyValue(Map.of("reason", "again")).exchange()
                                  .expectStatus().isEqualTo(409);
            // A retry after the restart is still recognized: the first answer, and no second plan.
            client(app, "planner").post().uri("/plans").header("Idempotency-Key", "ke-hoach-2023")
                                  .bodyValue(PlansApiTest.plan("cu-chi")).exchange()
                                  .expectStatus().isCreated()
                                  .expectHeader().valueEquals("Location", "/api/v1" + planPath);
            client(app, "auditor").get().uri("/plans?unitId=cu-chi").exchange()
                                  .expectBody().jsonPath("$.items.length()").isEqualTo(1);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(XhhtLedgerApplication.class)
                .run("--server.port=0", "--xhht.data-dir=" + data, "--xhht.security.users-file=" + data.resolve("none.yml"));
    }

    private static WebTestClient client(ConfigurableApplicationContext app, String user) {
        String port = app.getEnvironment().getProperty("local.server.port");
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port + "/api/v1")
                            .responseTimeout(Duration.ofSeconds(120))
                            .defaultHeaders(h -> h.setBasicAuth(user, user + "-demo"))
                            .defaultHeader("Content-Type", "application/json")
                            .build();
    }
}
