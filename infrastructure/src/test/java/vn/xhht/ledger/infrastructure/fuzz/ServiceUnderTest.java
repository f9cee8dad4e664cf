package vn.xhht.ledger.infrastructure.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.xhht.ledger.XhhtLedgerApplication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole service started for a property-based test (jqwik runs outside Spring's test context): the embedded
 * MongoDB in memory, the demo users, a random port; a small hierarchy and one resource of each kind whose ids the
 * OpenAPI examples use ({@code huyen-cu-chi}, {@code xa-tan-thong-hoi}, {@code ap-cho}).
 */
public final class ServiceUnderTest implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PROVINCE = "tp-ho-chi-minh";
    static final String DISTRICT = "huyen-cu-chi";
    static final String COMMUNE = "xa-tan-thong-hoi";
    static final String VILLAGE = "ap-cho";

    final ConfigurableApplicationContext context;
    public final RawHttp http;
    final MongoDatabase events;
    private final Path dataDir;

    public ServiceUnderTest(String... extraProperties) throws IOException {
        dataDir = Files.createTempDirectory("xhht-fuzz");
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        for (String property : List.of(
                "server.port=0", "xhht.mongodb.embedded.backend=memory", "xhht.data-dir=" + dataDir,
                "xhht.security.users-file=target/no-such-users-file.yml", "xhht.commands.timeout=PT60S",
                "xhht.audit.checkpoint-interval=PT1S", "logging.level.root=WARN",
                "logging.level.vn.xhht=WARN", "logging.level.org.axonframework=WARN")) {
            properties.put(property.substring(0, property.indexOf('=')), property.substring(property.indexOf('=') + 1));
        }
        for (String property : extraProperties) { // later ones replace the defaults
            properties.put(property.substring(0, property.indexOf('=')), property.substring(property.indexOf('=') + 1));
        }
        context = new SpringApplicationBuilder(XhhtLedgerApplication.class)
                .run(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
        http = new RawHttp(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
        events = context.getBean("eventDatabase", MongoDatabase.class);
    }

    public RawHttp.Response call(String user, String method, String path, Object body) throws IOException {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[]{"Authorization", RawHttp.basic(user)});
        byte[] bytes = null;
        if (body != null) {
            headers.add(new String[]{"Content-Type", "application/json"});
            bytes = body instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
        }
        return http.send(new RawHttp.Request(method, "/api/v1" + path, headers, bytes));
    }

    public JsonNode json(String user, String method, String path, Object body) throws IOException {
        RawHttp.Response response = call(user, method, path, body);
        if (response.status() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.status() + ": " + response.text());
        }
        return JSON.readTree(response.body());
    }

    long storedEvents() {
        return events.getCollection("events").countDocuments();
    }

    /** Waits until nothing more is being stored (the start-up publication of frameworks, the fixture's commands). */
    public void awaitQuiet() throws InterruptedException {
        long last = -1;
        for (int stable = 0; stable < 3; ) {
            long now = storedEvents();
            stable = now == last ? stable + 1 : 0;
            last = now;
            Thread.sleep(200);
        }
    }

    public void awaitFramework(String code) throws IOException, InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (call("auditor", "GET", "/frameworks/" + code + "/versions/latest", null).status() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("framework " + code + " never published");
    }

    /** The service's database (the event log and the views). */
    public MongoDatabase events() {
        return events;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public JsonNode verify() throws IOException {
        return json("auditor", "GET", "/audit/verify", null);
    }

    @Override
    public void close() throws IOException {
        context.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * A province {@code prefix + "-tinh"} with {@code districts} districts of {@code communes} communes of
     * {@code villages} villages each ({@code prefix-huyen-0-xa-1-ap-2}); answers the villages' ids.
     */
    public List<String> province(String prefix, int districts, int communes, int villages) throws IOException {
        String province = prefix + "-tinh";
        json("admin", "POST", "/units", Map.of("id", province, "name", "Tỉnh " + prefix, "kind", "PROVINCE", "validFrom", "2020-01-01"));
        List<String> ids = new ArrayList<>();
        for (int d = 0; d < districts; d++) {
            String district = prefix + "-huyen-" + d;
            json("admin", "POST", "/units", Map.of("id", district, "name", "Huyện " + d, "kind", "DISTRICT",
                                                   "parentId", province, "validFrom", "2020-01-01"));
            for (int c = 0; c < communes; c++) {
                String commune = district + "-xa-" + c;
                json("admin", "POST", "/units", Map.of("id", commune, "name", "Xã " + c, "kind", "COMMUNE",
                                                       "parentId", district, "validFrom", "2020-01-01"));
                for (int v = 0; v < villages; v++) {
                    String village = commune + "-ap-" + v;
                    json("admin", "POST", "/units", Map.of("id", village, "name", "Ấp " + v, "kind", "VILLAGE",
                                                           "parentId", commune, "validFrom", "2020-01-01"));
                    ids.add(village);
                }
            }
        }
        return ids;
    }

    /** The hierarchy of the examples and one resource of each kind; answers the ids a path parameter takes. */
    Map<String, String> fixture() throws IOException, InterruptedException {
        for (String[] unit : new String[][]{{PROVINCE, "Thành phố Hồ Chí Minh", "PROVINCE", null},
                {DISTRICT, "Huyện Củ Chi", "DISTRICT", PROVINCE}, {COMMUNE, "Xã Tân Thông Hội", "COMMUNE", DISTRICT},
                {VILLAGE, "Ấp Chợ", "VILLAGE", COMMUNE}}) {
            var body = new java.util.LinkedHashMap<String, Object>(Map.of("id", unit[0], "name", unit[1], "kind", unit[2],
                                                                           "validFrom", "2020-01-01"));
            if (unit[3] != null) {
                body.put("parentId", unit[3]);
            }
            json("admin", "POST", "/units", body);
        }
        json("planner", "PUT", "/units/" + VILLAGE + "/baselines/2023", Map.of("households", 400, "clans", 3, "citizens", 1500));
        awaitFramework("TT22-2020-DVHT");
        String plan = json("planner", "POST", "/plans", Map.of(
                "issuerUnitId", DISTRICT, "number", "163/KH-UBND", "title", "Kế hoạch xây dựng xã hội học tập năm 2023",
                "issuedOn", "2023-02-01", "period", Map.of("from", "2023-01-01", "to", "2023-12-31"),
                "targets", List.of(Map.of("indicator", "HOUSEHOLDS_TITLED", "target", 0.6)))).path("id").asText();
        json("planner", "POST", "/plans/" + plan + "/issue", null);
        String assessment = json("assessor", "POST", "/assessments", Map.of(
                "subjectUnitId", COMMUNE, "framework", "TT22-2020-DVHT", "year", 2023)).path("id").asText();
        String batch = json("recognizer", "POST", "/recognition-batches", Map.of(
                "unitId", VILLAGE, "title", "GIA_DINH_HOC_TAP", "year", 2023, "count", 120,
                "decisionNumber", "98/QĐ-UBND", "decidedOn", "2023-12-10")).path("id").asText();
        String recognition = json("recognizer", "POST", "/recognitions", Map.of(
                "title", "CONG_DONG_HOC_TAP", "subjectUnitId", VILLAGE, "year", 2023,
                "decisionNumber", "125/QĐ-UBND", "decidedOn", "2023-12-15")).path("id").asText();
        awaitQuiet();
        return Map.of("plan", plan, "assessment", assessment, "batch", batch, "recognition", recognition);
    }
}
