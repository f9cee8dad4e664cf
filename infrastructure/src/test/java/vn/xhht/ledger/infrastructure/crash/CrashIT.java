package vn.xhht.ledger.infrastructure.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety (issue #6): the packaged jar on the H2 backend, commands from concurrent clients, {@code kill -9} at
 * random moments several times, restarts on the same data directory. Afterwards every command answered 2xx has its
 * event in the log, the log verifies (no half-written commit, chains and signatures intact), and every projection
 * equals what a rebuild from the log gives. Run by failsafe after the jar is packaged ({@code ./mvnw verify}).
 */
class CrashIT {

    private static final int KILLS = 3;
    private static final int CLIENTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                              .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyAcknowledgedCommandSurvivesKillNineAndEveryViewConvergesToItsRebuild() throws Exception {
        Random random = new Random();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        String province = "tinh-crash";
        int port = freePort();
        Process service = start(port, "first");
        post(port, "/api/v1/units", "{\"id\":\"" + province + "\",\"name\":\"Tỉnh\",\"kind\":\"PROVINCE\",\"validFrom\":\"2020-01-01\"}");
        acknowledged.add(province);

        for (int kill = 1; kill <= KILLS; kill++) {
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    while (running.get()) {
                        String id = "xa-" + UUID.randomUUID().toString().substring(0, 12);
                        try {
                            int status = post(port, "/api/v1/units", "{\"id\":\"" + id + "\",\"name\":\"Xã\",\"kind\":\"COMMUNE\","
                                    + "\"parentId\":\"" + province + "\",\"validFrom\":\"2020-01-01\"}");
                            if (status / 100 == 2) {
                                acknowledged.add(id);
                            }
                        } catch (IOException | InterruptedException e) {
                            // the service died under the request: no answer, no promise
                        }
                    }
                });
            }
            Thread.sleep(1_500 + random.nextInt(3_000));
            service.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            service.waitFor(30, TimeUnit.SECONDS);
            running.set(false);
            clients.shutdown();
            clients.awaitTermination(30, TimeUnit.SECONDS);
            service = start(port, "after kill " + kill);
        }

        try {
            awaitProjectionsCaughtUp(port);
            List<String> missing = new ArrayList<>();
            for (String id : acknowledged) {
                JsonNode events = get(port, "/api/v1/audit/events?aggregateId=" + id);
                if (events.get("items").isEmpty()) {
                    missing.add(id);
                }
            }
            assertThat(missing).as("acknowledged commands without their event, of %d", acknowledged.size()).isEmpty();
            assertThat(acknowledged.size()).as("commands acknowledged across the kills").isGreaterThan(KILLS * 5);

            JsonNode verify = get(port, "/api/v1/audit/verify");
            assertThat(verify.get("ok").asBoolean()).as("log verification: %s", verify).isTrue();

            for (JsonNode projection : get(port, "/api/v1/admin/projections").get("items")) {
                JsonNode rebuilt = JSON.readTree(send(port, "POST", "/api/v1/admin/projections/" + projection.get("name").asText()
                                                                    + "/rebuild", null).body());
                assertThat(rebuilt.get("equal").asBoolean()).as("%s after the kills: %s", projection.get("name"), rebuilt)
                                                            .isTrue();
            }
            System.out.printf("crash test: %d commands acknowledged across %d kill -9, all in the log; log verifies; "
                                      + "every projection equals its rebuild%n", acknowledged.size(), KILLS);
        } finally {
            service.destroyForcibly();
            service.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process start(int port, String label) throws Exception {
        Path jar = Path.of("target", "xhht-ledger.jar");
        assertThat(jar).as("the packaged jar (run by failsafe after package)").exists();
        Path log = data.resolve("service-" + label.replace(' ', '-') + ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                             "-Xmx512m", "-jar", jar.toString(), "--server.port=" + port,
                                             "--xhht.data-dir=" + data.resolve("data"),
                                             "--xhht.security.users-file=" + data.resolve("no-users.yml"),
                                             "--xhht.audit.checkpoint-interval=PT0.5S",
                                             "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited (" + label + "):\n" + Files.readString(log));
            }
            try {
                if (send(port, "GET", "/actuator/health", null).statusCode() == 200) {
                    return process;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError("the service did not start (" + label + "):\n" + Files.readString(log));
    }

    private void awaitProjectionsCaughtUp(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            boolean idle = true;
            for (JsonNode projection : get(port, "/api/v1/admin/projections").get("items")) {
                idle &= projection.get("lag").asLong() == 0;
            }
            if (idle) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the projections did not catch up");
    }

    private int post(int port, String path, String json) throws IOException, InterruptedException {
        return send(port, "POST", path, json).statusCode();
    }

    private JsonNode get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(port, "GET", path, null);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(int port, String method, String path, String json) throws IOException, InterruptedException {
        String user = path.contains("/admin/") || method.equals("POST") ? "admin" : "auditor";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                                 .timeout(Duration.ofSeconds(300))
                                                 .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                                         (user + ":" + user + "-demo").getBytes(StandardCharsets.UTF_8)));
        if (json != null) {
            request.header("Content-Type", "application/json")
                   .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
