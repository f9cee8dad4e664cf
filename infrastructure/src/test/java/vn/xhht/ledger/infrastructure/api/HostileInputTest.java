package vn.xhht.ledger.infrastructure.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.bson.Document;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At least 1,000 generated hostile requests across the endpoints — wrong types, missing and extra fields, huge strings
 * and bodies, deep nesting, invalid UTF-8, unknown enum values, numbers out of range, ids with {@code $ . / ..},
 * Mongo operators as values, impossible dates — each sent by a user whose role the endpoint accepts, so it reaches
 * the validation rather than stopping at the door. Every answer must be a 4xx problem+json, and afterwards the event
 * log and every view must be exactly as before.
 */
class HostileInputTest extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HUGE = "x".repeat(100_000);
    private static final List<Object> HOSTILE_VALUES = List.of(
            Map.of("$gt", ""), Map.of("$where", "sleep(1000)"), List.of(Map.of("$ne", 1)), HUGE, "", " ",
            "2023-02-30", "NOT_AN_ENUM", -1, 9_999_999_999_999L, "../../etc", "a.b", "$x", "a/b", true,
            deep(300), "\u0000");
    private static final List<String> HOSTILE_IDS = List.of("..", "a.b", "$where", "%2e%2e", "x".repeat(300), "%00",
                                                            "A-UPPER", "a%2Fb", "{\"$gt\":\"\"}");

    private int sent;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                              .connectTimeout(Duration.ofSeconds(10)).build();

    private record Endpoint(String user, String method, String path, Map<String, Object> body) {
    }

    /** One test per endpoint, one for the reads, and a last one: nothing stored changed. */
    @TestFactory
    Stream<DynamicTest> everyHostileRequestIsRefusedWithAProblemAndNothingStoredChanges() throws Exception {
        String[] ids = provinceDistrictCommune();
        String plan = createIssued(ids[1]);
        String recognition = "00000000-0000-0000-0000-000000000000";
        List<Endpoint> endpoints = List.of(
                new Endpoint("admin", "POST", "/units", body("id", fresh("xa"), "name", "Xã mới", "kind", "COMMUNE",
                                                             "parentId", ids[1], "validFrom", "2020-01-01")),
                new Endpoint("admin", "POST", "/units/" + ids[2] + "/rename",
                             body("name", "Tên", "validFrom", "2024-01-01", "reason", "r")),
                new Endpoint("admin", "POST", "/units/" + ids[2] + "/move",
                             body("parentId", ids[0], "validFrom", "2024-01-01", "reason", "r")),
                new Endpoint("admin", "POST", "/units/" + ids[2] + "/merge",
                             body("intoId", ids[1], "validFrom", "2024-01-01", "reason", "r")),
                new Endpoint("planner", "POST", "/plans", body("issuerUnitId", ids[1], "number", "1/KH", "title", "t",
                                                              "issuedOn", "2023-02-01",
                                                              "period", Map.of("from", "2023-01-01", "to", "2023-12-31"))),
                new Endpoint("planner", "POST", "/plans/" + plan + "/amend", body("reason", "r")),
                new Endpoint("planner", "POST", "/plans/" + plan + "/close", body("reason", "r")),
                new Endpoint("recognizer", "POST", "/recognitions",
                             body("title", "GIA_DINH_HOC_TAP", "subjectUnitId", ids[2], "year", 2023,
                                  "decisionNumber", "1/QĐ", "decidedOn", "2023-12-01")),
                new Endpoint("recognizer", "POST", "/recognitions/" + recognition + "/revoke", body("reason", "r")),
                new Endpoint("recognizer", "POST", "/recognition-batches",
                             body("unitId", ids[2], "title", "GIA_DINH_HOC_TAP", "year", 2023, "count", 5,
                                  "decisionNumber", "1/QĐ", "decidedOn", "2023-12-01")),
                new Endpoint("planner", "PUT", "/units/" + ids[2] + "/baselines/2023", body("households", 100)),
                new Endpoint("planner", "POST", "/units/" + ids[2] + "/indicator-values",
                             body("indicator", "INFO_LITERACY", "year", 2023, "numerator", 1, "denominator", 2,
                                  "source", "khảo sát")),
                new Endpoint("assessor", "POST", "/assessments",
                             body("subjectUnitId", ids[2], "framework", "XHHT-CAP-XA", "year", 2023)));

        awaitProjectionsIdle();
        String before = fingerprint();
        List<DynamicTest> tests = new ArrayList<>();

        for (Endpoint endpoint : endpoints) {
            tests.add(DynamicTest.dynamicTest(endpoint.method() + " " + brief(endpoint.path()), () -> {
                List<String> wrong = new ArrayList<>();
                for (String field : endpoint.body().keySet()) {
                    for (Object value : HOSTILE_VALUES) {
                        if (harmlessFor(endpoint, field, value)) {
                            continue;
                        }
                        Map<String, Object> body = new LinkedHashMap<>(endpoint.body());
                        body.put(field, value);
                        check(wrong, endpoint, field + "=" + brief(value), JSON.writeValueAsBytes(body), "application/json");
                    }
                    Map<String, Object> missing = new LinkedHashMap<>(endpoint.body());
                    missing.remove(field);
                    check(wrong, endpoint, "without " + field, JSON.writeValueAsBytes(missing), "application/json");
                }
                Map<String, Object> extra = new LinkedHashMap<>(endpoint.body());
                extra.put("actor", "someone-else");
                extra.put("$where", "1");
                for (Object[] whole : new Object[][]{
                        {"extra fields", JSON.writeValueAsBytes(extra), "application/json"},
                        {"empty body", new byte[0], "application/json"},
                        {"not json", "not json".getBytes(StandardCharsets.UTF_8), "application/json"},
                        {"array body", "[]".getBytes(StandardCharsets.UTF_8), "application/json"},
                        {"null body", "null".getBytes(StandardCharsets.UTF_8), "application/json"},
                        {"deep nesting", ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8), "application/json"},
                        {"deep object", ("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)).getBytes(StandardCharsets.UTF_8), "application/json"},
                        {"invalid UTF-8", invalidUtf8(endpoint.body()), "application/json"},
                        {"2 MB body", JSON.writeValueAsBytes(Map.of("name", "x".repeat(2_000_000))), "application/json"},
                        {"text/plain", JSON.writeValueAsBytes(endpoint.body()), "text/plain"},
                        {"truncated json", truncated(endpoint.body()), "application/json"}}) {
                    check(wrong, endpoint, (String) whole[0], (byte[]) whole[1], (String) whole[2]);
                }
                if (endpoint.path().contains(ids[2]) || endpoint.path().contains(plan) || endpoint.path().contains(recognition)) {
                    for (String hostileId : HOSTILE_IDS) {
                        String path = endpoint.path().replace(ids[2], hostileId).replace(plan, hostileId)
                                              .replace(recognition, hostileId);
                        check(wrong, new Endpoint(endpoint.user(), endpoint.method(), path, endpoint.body()),
                              "id " + hostileId, JSON.writeValueAsBytes(endpoint.body()), "application/json");
                    }
                }
                assertThat(wrong).as("answers that were not a 4xx problem+json").isEmpty();
            }));
        }
        List<String> reads = new ArrayList<>();
        for (String id : HOSTILE_IDS) {
            reads.add("/units/" + id);
            reads.add("/units/" + id + "/children");
            reads.add("/units/" + id + "/history");
            reads.add("/units/" + id + "/recognitions");
            reads.add("/units/" + id + "/baselines/2023");
            reads.add("/plans/" + id);
            reads.add("/assessments/" + id);
            reads.add("/recognitions/" + id);
            reads.add("/recognition-batches/" + id);
            reads.add("/indicators?unitId=" + id + "&year=2023");
            reads.add("/frameworks/" + id + "/versions/1");
            reads.add("/admin/projections/" + id + "/rebuild");
        }
        for (String query : List.of("year=abc", "year=99999", "year=-1", "year=", "asOf=2023-02-30T00:00:00Z",
                                    "asOf=yesterday", "asOf=%24gt", "unitId=", "year=2023&year=2024&asOf=x")) {
            reads.add("/indicators?unitId=" + ids[1] + "&" + query);
        }
        for (String query : List.of("on=2023-02-30", "on=abc", "on=%7B%22%24gt%22%3A%22%22%7D", "asOf=2023-13-01T00:00:00Z")) {
            reads.add("/units/" + ids[1] + "/children?" + query);
            reads.add("/units/" + ids[1] + "?" + query);
        }
        for (String query : List.of("limit=-1", "limit=0", "limit=100000", "limit=abc", "cursor=abc", "cursor=-5",
                                    "cursor=99999999999999999999")) {
            reads.add("/audit/events?" + query);
            reads.add("/units/" + ids[1] + "/history?" + query);
            reads.add("/plans?" + query);
            reads.add("/assessments?" + query);
        }
        for (String query : List.of("from=2023-02-30T00:00:00Z", "to=nope", "type=%24where", "type=a.b",
                                    "actor=%7B%22%24ne%22%3Anull%7D", "actor=%24where", "aggregateId=%24where",
                                    "aggregateId=..%2F..", "aggregateId=" + "x".repeat(300))) {
            reads.add("/audit/events?" + query);
            if (!query.startsWith("type") && !query.startsWith("actor")) {
                reads.add("/audit/export?" + query);
            }
        }
        tests.add(DynamicTest.dynamicTest("reads with hostile ids and queries", () -> {
            List<String> wrong = new ArrayList<>();
            for (String path : reads) {
                String user = path.startsWith("/admin") ? "admin" : "auditor";
                String method = path.startsWith("/admin") ? "POST" : "GET";
                check(wrong, new Endpoint(user, method, path, Map.of()), "read", null, null);
            }
            assertThat(wrong).as("answers that were not a 4xx problem+json").isEmpty();
        }));
        tests.add(DynamicTest.dynamicTest("nothing stored changed after 1,000 or more hostile requests", () -> {
            awaitProjectionsIdle();
            assertThat(sent).isGreaterThanOrEqualTo(1_000);
            assertThat(fingerprint()).as("the event log and every view are unchanged").isEqualTo(before);
        }));
        return tests.stream();
    }

    /** Values that are legitimately valid for a field, so sending them is not hostile. */
    private static boolean harmlessFor(Endpoint endpoint, String field, Object value) {
        if (field.equals("name") || field.equals("title") && !endpoint.path().startsWith("/recognition")
                || field.equals("reason") || field.equals("number") || field.equals("source")
                || field.equals("decisionNumber")) {
            // free text: any short string (a dotted name, "2023-02-30", "a/b") is allowed; huge, blank and non-strings are not
            return value instanceof String text && !text.isBlank() && text.length() <= 100 && !text.contains("\u0000");
        }
        if ((field.equals("id") || field.endsWith("Id")) && value instanceof String text
                && text.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            return true; // a well-formed id: refused (404, 409) or accepted on its merits, not hostile
        }
        if (field.equals("households") && value instanceof Number number) {
            return number.longValue() >= 0 && number.longValue() <= 1_000_000_000L;
        }
        return false;
    }

    private void check(List<String> wrong, Endpoint endpoint, String what, byte[] body, String contentType) {
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1" + endpoint.path()))
                                                     .timeout(Duration.ofSeconds(30))
                                                     .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                                             (endpoint.user() + ":" + endpoint.user() + "-demo").getBytes(StandardCharsets.UTF_8)));
            if (body != null) {
                request.header("Content-Type", contentType).method(endpoint.method(), HttpRequest.BodyPublishers.ofByteArray(body));
            } else {
                request.method(endpoint.method(), HttpRequest.BodyPublishers.noBody());
            }
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            sent++;
        } catch (IllegalArgumentException e) {
            return; // a path no client can even send (the JDK refuses it): nothing reached the service
        } catch (Exception e) {
            wrong.add(endpoint.method() + " " + endpoint.path() + " " + what + ": " + e);
            return;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() < 400 || response.statusCode() >= 500 || !type.startsWith("application/problem+json")) {
            wrong.add(endpoint.method() + " " + brief(endpoint.path()) + " " + what + " -> " + response.statusCode() + " "
                              + type + " " + brief(response.body()));
        }
    }

    /** A digest of the log and of every view collection. */
    private String fingerprint() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        TreeMap<String, Long> counts = new TreeMap<>();
        for (String collection : eventDatabase.listCollectionNames()) {
            if (collection.equals("events") || collection.endsWith("_views") || collection.endsWith("_records")
                    || collection.endsWith("_index") || collection.startsWith("indicator_") && !collection.equals("indicator_journal")
                    || collection.equals("unit_children")) {
                long count = 0;
                for (Document document : eventDatabase.getCollection(collection).find().sort(new Document("_id", 1))) {
                    sha.update(document.toJson().getBytes(StandardCharsets.UTF_8));
                    count++;
                }
                counts.put(collection, count);
            }
        }
        return counts + " " + HexFormat.of().formatHex(sha.digest());
    }

    private void awaitProjectionsIdle() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Map<?, ?> page = as("auditor").get().uri("/admin/projections").exchange().expectBody(Map.class).returnResult()
                                          .getResponseBody();
            if (((List<?>) page.get("items")).stream().allMatch(p -> ((Number) ((Map<?, ?>) p).get("lag")).longValue() == 0)) {
                Thread.sleep(300); // a batch being written when the positions were read
                return;
            }
            Thread.sleep(50);
        }
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private static Object deep(int depth) {
        Object value = "bottom";
        for (int i = 0; i < depth; i++) {
            value = Map.of("a", value);
        }
        return value;
    }

    private static byte[] invalidUtf8(Map<String, Object> body) throws Exception {
        byte[] json = JSON.writeValueAsBytes(body);
        String text = new String(json, StandardCharsets.UTF_8);
        int quote = text.indexOf(":\"") + 2;
        byte[] result = new byte[json.length + 2];
        System.arraycopy(json, 0, result, 0, quote);
        result[quote] = (byte) 0xC3; // a lead byte followed by no continuation
        result[quote + 1] = (byte) 0x28;
        System.arraycopy(json, quote, result, quote + 2, json.length - quote);
        return result;
    }

    private static byte[] truncated(Map<String, Object> body) throws Exception {
        byte[] json = JSON.writeValueAsBytes(body);
        byte[] result = new byte[json.length / 2];
        System.arraycopy(json, 0, result, 0, result.length);
        return result;
    }

    private static String brief(Object value) {
        String text = String.valueOf(value);
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
