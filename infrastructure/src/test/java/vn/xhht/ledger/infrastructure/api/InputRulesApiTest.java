package vn.xhht.ledger.infrastructure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classes of input the service once let through, each refused as a 4xx problem naming its field, nothing stored,
 * and the log still verifying: text that is not valid Unicode (as a JSON escape and as raw bytes), a repeated field,
 * absurd dates, control characters, JSON under another content type, a malformed URI.
 */
class InputRulesApiTest extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private String province;

    @BeforeEach
    void aProvince() {
        province = fresh("tinh");
        register(province, "PROVINCE", null, "2020-01-01");
    }

    private String district(String name, String validFrom) {
        return "{\"id\":\"" + fresh("huyen") + "\",\"name\":\"" + name + "\",\"kind\":\"DISTRICT\",\"parentId\":\""
                + province + "\",\"validFrom\":\"" + validFrom + "\"}";
    }

    private HttpResponse<String> registerDistrict(String jsonName, String validFrom) throws Exception {
        return post("/units", "application/json", district(jsonName, validFrom).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return post("admin", path, contentType, body);
    }

    private HttpResponse<String> post(String user, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1" + path))
                                                 .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                                         (user + ":" + user + "-demo").getBytes(StandardCharsets.UTF_8)))
                                                 .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode refused(HttpResponse<String> response, int status, String code, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo(code);
        if (field != null) {
            assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo(field);
        }
        return problem;
    }

    private long storedEvents() {
        return eventDatabase.getCollection("events").countDocuments();
    }

    private void theLogIsIntactAndHoldsNothingNew(long before) {
        assertThat(storedEvents()).isEqualTo(before);
        as("auditor").get().uri("/audit/verify").exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.ok").isEqualTo(true);
    }

    @Test
    void anUnpairedSurrogateIsRefusedAndTheLogStillVerifies() throws Exception {
        long before = storedEvents();
        refused(registerDistrict("A\\ud800B", "2020-01-01"),
                400, "INVALID_TEXT", "name");
        refused(registerDistrict("\\udc00", "2020-01-01"),
                400, "INVALID_TEXT", "name");
        theLogIsIntactAndHoldsNothingNew(before);
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() throws Exception {
        long before = storedEvents();
        byte[] cesuSurrogate = district("A\u0000B", "2020-01-01").replace("\u0000", "#").getBytes(StandardCharsets.UTF_8);
        int at = new String(cesuSurrogate, StandardCharsets.ISO_8859_1).indexOf('#');
        byte[] body = new byte[cesuSurrogate.length + 2];
        System.arraycopy(cesuSurrogate, 0, body, 0, at);
        body[at] = (byte) 0xED;
        body[at + 1] = (byte) 0xA0;
        body[at + 2] = (byte) 0x80; // U+D800 encoded as if it were a character
        System.arraycopy(cesuSurrogate, at + 1, body, at + 3, cesuSurrogate.length - at - 1);
        refused(post("/units", "application/json", body), 400, "INVALID_TEXT", null);
        byte[] latin1 = district("Hà Nội", "2020-01-01").getBytes(StandardCharsets.ISO_8859_1);
        refused(post("/units", "application/json", latin1), 400, "INVALID_TEXT", null);
        theLogIsIntactAndHoldsNothingNew(before);
    }

    @Test
    void aRepeatedFieldIsRefusedNamingIt() throws Exception {
        long before = storedEvents();
        String body = district("Huyện", "2020-01-01").replace("{\"id\"", "{\"name\":\"Khác\",\"id\"");
        refused(post("/units", "application/json", body.getBytes(StandardCharsets.UTF_8)), 400, "DUPLICATE_FIELD", "name");
        String nested = "{\"issuerUnitId\":\"" + province + "\",\"number\":\"1/KH\",\"title\":\"t\",\"issuedOn\":\"2023-02-01\","
                + "\"period\":{\"from\":\"2023-01-01\",\"from\":\"2023-02-01\",\"to\":\"2023-12-31\"}}";
        refused(post("planner", "/plans", "application/json", nested.getBytes(StandardCharsets.UTF_8)), 400, "DUPLICATE_FIELD", "period.from");
        theLogIsIntactAndHoldsNothingNew(before);
    }

    @Test
    void datesOutsideTheProgrammesRangeAreRefused() throws Exception {
        long before = storedEvents();
        for (String date : new String[]{"+999999999-01-01", "-0001-01-01", "1900-01-01", "2101-01-01"}) {
            refused(registerDistrict("Huyện", date),
                    400, "DATE_OUT_OF_RANGE", "validFrom");
        }
        as("auditor").get().uri("/units/{id}?on=1900-01-01", province).exchange().expectStatus().isBadRequest()
                     .expectBody().jsonPath("$.code").isEqualTo("DATE_OUT_OF_RANGE").jsonPath("$.errors[0].field").isEqualTo("on");
        as("auditor").get().uri("/units/{id}?asOf=2200-01-01T00:00:00Z", province).exchange().expectStatus().isBadRequest()
                     .expectBody().jsonPath("$.code").isEqualTo("DATE_OUT_OF_RANGE");
        theLogIsIntactAndHoldsNothingNew(before);
    }

    @Test
    void controlCharactersAreRefusedAndLineBreaksOnlyInFreeText() throws Exception {
        long before = storedEvents();
        refused(registerDistrict("A\\u0007B", "2020-01-01"),
                400, "INVALID_TEXT", "name");
        refused(registerDistrict("A\\nB", "2020-01-01"),
                400, "INVALID_TEXT", "name");
        refused(post("/units/" + province + "/rename", "application/json",
                     "{\"name\":\"Tỉnh\",\"validFrom\":\"2024-01-01\",\"reason\":\"a\\u001bb\"}".getBytes(StandardCharsets.UTF_8)),
                400, "INVALID_TEXT", "reason");
        theLogIsIntactAndHoldsNothingNew(before);
        HttpResponse<String> renamed = post("/units/" + province + "/rename", "application/json",
                                            "{\"name\":\"Tỉnh Mới\",\"validFrom\":\"2024-01-01\",\"reason\":\"Theo nghị quyết:\\n- điều 1\"}"
                                                    .getBytes(StandardCharsets.UTF_8));
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
    }

    @Test
    void jsonUnderAnotherContentTypeOrCharsetIsUnsupported() throws Exception {
        long before = storedEvents();
        byte[] body = district("Huyện", "2020-01-01").getBytes(StandardCharsets.UTF_8);
        for (String type : new String[]{"application/x-ndjson", "application/problem+json", "text/plain", "text/json",
                                        "application/json; charset=ISO-8859-1", "application/json; charset=utf-16", "nonsense"}) {
            refused(post("/units", type, body), 415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type");
        }
        refused(post("/units", null, body), 415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type");
        theLogIsIntactAndHoldsNothingNew(before);
        assertThat(post("/units", "application/json; charset=UTF-8", body).statusCode()).isEqualTo(201);
    }

    @Test
    void textIsStoredInNormalisationFormC() throws Exception {
        String decomposed = "Cu\u0309 Chi";
        HttpResponse<String> created = post("/units", "application/json",
                                            district(decomposed, "2020-01-01").getBytes(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("name").asText()).isEqualTo("Củ Chi");
    }

    @Test
    void aMalformedUriIsAProblemToo() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/units/" + province + "?on=%25"))
                           .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                   "auditor:auditor-demo".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        // %25 is a valid escape (a literal %): a bad date, not a bad URI
        refused(response, 400, "VALIDATION_FAILED", "on");
        try (var socket = new java.net.Socket("localhost", port)) {
            String auth = Base64.getEncoder().encodeToString("auditor:auditor-demo".getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(("GET /api/v1/units/" + province + "?on=%ZZ HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Basic " + auth + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("MALFORMED_REQUEST");
        }
    }

    @Test
    void aQueryParameterIsNamedAsSentWhateverItsName() throws Exception {
        for (String[] query : new String[][]{{"page-size=1&page-size=2", "page-size"}, {"x.y%5B0%5D=%01", "x.y[0]"},
                                             {"on=2025-06-30&on=2025-07-01", "on"}}) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/units/" + province + "?" + query[0]))
                               .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                       "auditor:auditor-demo".getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(query[0] + ": " + response.body()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("errors").get(0).path("field").asText()).isEqualTo(query[1]);
        }
    }
}
