package vn.xhht.ledger.infrastructure.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.xhht.ledger.XhhtLedgerApplication;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Frameworks are data: a new version dropped into the frameworks directory is published at the next start, without
 * any code change; unchanged files are never published twice; an assessment keeps the version it was opened under.
 */
class FrameworkVersionsRestartTest {

    @TempDir
    Path data;
    @TempDir
    Path frameworks;

    @Test
    void aNewVersionAddedAsAFileAppearsAfterARestartAndEarlierAssessmentsKeepTheirVersion() throws Exception {
        String assessmentPath;
        try (ConfigurableApplicationContext app = start()) {
            WebTestClient admin = client(app, "admin");
            admin.post().uri("/units").bodyValue(Map.of("id", "hcm", "name", "TP. Hồ Chí Minh", "kind", "PROVINCE",
                                                        "validFrom", "2020-01-01")).exchange().expectStatus().isCreated();
            admin.post().uri("/units").bodyValue(Map.of("id", "truong-a", "name", "Trường A", "kind", "ORGANISATION",
                                                        "parentId", "hcm", "validFrom", "2020-01-01"))
                 .exchange().expectStatus().isCreated();
            awaitLatest(app, "TT22-2020-DVHT", 2);
            assessmentPath = client(app, "assessor").post().uri("/assessments")
                                                    .bodyValue(Map.of("subjectUnitId", "truong-a", "framework", "TT22-2020-DVHT",
                                                                      "year", LocalDate.now().getYear(),
                                                                      "scores", AssessmentsApiTest.points86()))
                                                    .exchange().expectStatus().isCreated()
                                                    .returnResult(String.class).getResponseHeaders().getLocation().getPath()
                                                    .replace("/api/v1", "");
        }
        String tt22 = Files.readString(Path.of("..", "frameworks", "TT22-2020-DVHT.v2.yml"), StandardCharsets.UTF_8);
        Files.writeString(frameworks.resolve("TT22-2020-DVHT.v3.yml"),
                          tt22.replace("version: 2", "version: 3").replace("{result: KHA, minPoints: 70}",
                                                                           "{result: KHA, minPoints: 72}"),
                          StandardCharsets.UTF_8);
        try (ConfigurableApplicationContext app = start()) {
            awaitLatest(app, "TT22-2020-DVHT", 3);
            client(app, "auditor").get().uri("/frameworks/TT22-2020-DVHT/versions/3").exchange().expectStatus().isOk()
                                  .expectBody().jsonPath("$.thresholds[1].minPoints").isEqualTo(72);
            client(app, "auditor").get().uri("/frameworks/TT22-2020-DVHT/versions/2").exchange().expectStatus().isOk()
                                  .expectBody().jsonPath("$.thresholds[1].minPoints").isEqualTo(70)
                                  .jsonPath("$.criteria[2].indicators[0].maxPoints").isEqualTo(25);
            client(app, "auditor").get().uri("/frameworks/TT22-2020-DVHT/versions/1").exchange().expectStatus().isOk()
                                  .expectBody().jsonPath("$.criteria[2].indicators[0].maxPoints").isEqualTo(10)
                                  .jsonPath("$.criteria[2].indicators[0].kind").isEqualTo("POINTS");
            client(app, "auditor").get().uri("/frameworks").exchange().expectStatus().isOk()
                                  .expectBody()
                                  .jsonPath("$.items[?(@.code == 'TT24-2023-DVHT')].latestVersion").isEqualTo(List.of(2))
                                  .jsonPath("$.items[?(@.code == 'TT22-2020-DVHT')].latestVersion").isEqualTo(List.of(3));
            client(app, "auditor").get().uri(assessmentPath).exchange().expectStatus().isOk()
                                  .expectBody().jsonPath("$.frameworkVersion").isEqualTo(2);
            long published = app.getBean(com.mongodb.client.MongoDatabase.class).getCollection("events")
                                .countDocuments(new org.bson.Document("events.ptype",
                                        "vn.xhht.ledger.domain.framework.FrameworkMessages$FrameworkVersionPublishedEvent"));
            org.assertj.core.api.Assertions.assertThat(published).as("the thirteen files' versions and one new one").isEqualTo(14);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(XhhtLedgerApplication.class)
                .run("--server.port=0", "--xhht.data-dir=" + data, "--xhht.frameworks.dir=" + frameworks,
                     "--xhht.security.users-file=" + data.resolve("none.yml"));
    }

    private static void awaitLatest(ConfigurableApplicationContext app, String code, int version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            var result = client(app, "auditor").get().uri("/frameworks/{c}/versions/latest", code).exchange()
                                               .expectBody(Map.class).returnResult();
            if (result.getStatus().is2xxSuccessful() && Integer.valueOf(version).equals(result.getResponseBody().get("version"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(code + " never reached version " + version);
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
