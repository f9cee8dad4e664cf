package vn.xhht.ledger.infrastructure.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar ({@code target/xhht-ledger.jar}, built before failsafe runs) as a separate process, and an HTTP
 * client for it: what the process-level tests (crash, two nodes) drive. Requests go as the demo users: {@code admin}
 * for commands and the admin API, {@code auditor} for reads.
 */
public final class PackagedService implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                                     .connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final String label;
    private final Path log;
    private final Process process;

    private PackagedService(int port, String label, Path log, Process process) {
        this.port = port;
        this.label = label;
        this.log = log;
        this.process = process;
    }

    /** Starts the jar with {@code arguments} (Spring {@code --name=value}) and waits until it answers its health check. */
    public static PackagedService start(int port, String label, Path logDirectory, List<String> arguments) throws Exception {
        Path jar = Path.of("target", "xhht-ledger.jar");
        assertThat(jar).as("the packaged jar (run by failsafe after package)").exists();
        Path log = logDirectory.resolve("service-" + label.replace(' ', '-') + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                                       "-Xmx512m", "-jar", jar.toString(), "--server.port=" + port,
                                                       "--logging.level.root=WARN"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PackagedService service = new PackagedService(port, label, log, process);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited (" + label + "):\n" + Files.readString(log));
            }
            try {
                if (service.send("GET", "/actuator/health", null).statusCode() == 200) {
                    return service;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError("the service did not start (" + label + "):\n" + Files.readString(log));
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** SIGKILL: no shutdown hook, no flush. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    public int post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, json).statusCode();
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", path, null);
        assertThat(response.statusCode()).as("GET %s on %s: %s", path, label, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    public HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
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
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until every projection has handled every stored event (lag 0). */
    public void awaitProjectionsCaughtUp() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            boolean idle = true;
            for (JsonNode projection : get("/api/v1/admin/projections").get("items")) {
                idle &= projection.get("lag").asLong() == 0;
            }
            if (idle) {
                return;
            }
            Thread.sleep(200);
        }
        List<String> warnings = Files.readAllLines(log).stream().filter(line -> line.contains("WARN") || line.contains("ERROR")
                || line.startsWith("\tat ") || line.startsWith("Caused by")).toList();
        throw new AssertionError("the projections did not catch up on " + label + ": " + get("/api/v1/admin/projections")
                                 + "\nthe service's last warnings and errors:\n"
                                 + String.join("\n", warnings.subList(Math.max(0, warnings.size() - 80), warnings.size())));
    }

    /** The aggregates of {@code ids} the log holds no event of (by {@code /audit/events?aggregateId=}). */
    public List<String> withoutEvents(java.util.Collection<String> ids) throws IOException, InterruptedException {
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            if (get("/api/v1/audit/events?aggregateId=" + id).get("items").isEmpty()) {
                missing.add(id);
            }
        }
        return missing;
    }

    /** Every projection rebuilt from the log and compared with its live view: the differences, if any. */
    public List<String> rebuildDifferences() throws Exception {
        List<String> unequal = new ArrayList<>();
        for (JsonNode projection : get("/api/v1/admin/projections").get("items")) {
            String name = projection.get("name").asText();
            JsonNode rebuilt = JSON.readTree(send("POST", "/api/v1/admin/projections/" + name + "/rebuild", null).body());
            if (!rebuilt.path("equal").asBoolean()) {
                unequal.add(name + ": " + rebuilt);
            }
        }
        return unequal;
    }
}
