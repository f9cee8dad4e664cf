package vn.xhht.ledger.infrastructure.api;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization matrix, table-driven: {@code docs/AUTHORIZATION.md} is read, and every row is called as each of
 * the seven roles (on units outside {@code cu-chi}; the viewer, whose scope is {@code cu-chi}, on units inside it) and,
 * when the row has a scope, as {@code cuchi} (PLANNER, ASSESSOR, RECOGNIZER in {@code cu-chi}) and the viewer on
 * units inside and outside their scope. A refusal must be exactly {@code 403 FORBIDDEN_ROLE} or
 * {@code 403 NOT_IN_SCOPE}; an allowed call anything but 403. Every endpoint of the service must have a row.
 */
class AuthorizationMatrixTest extends ApiTest {

    private static final Map<String, String> USERS = new LinkedHashMap<>();
    private static final Set<String> LISTS = Set.of("GET /plans", "GET /assessments", "GET /indicators/stream", "GET /units",
                                                    "GET /units/{id}/obligations/stream");
    private static final int THIS_YEAR = LocalDate.now().getYear();

    static {
        USERS.put("ADMIN", "admin");
        USERS.put("PLANNER", "planner");
        USERS.put("ASSESSOR", "assessor");
        USERS.put("REVIEWER", "reviewer");
        USERS.put("RECOGNIZER", "recognizer");
        USERS.put("AUDITOR", "auditor");
        USERS.put("VIEWER", "viewer");
    }

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private record Row(String endpoint, Set<String> roles, boolean scoped) {
    }

    /** The units, plan, assessment, recognition and batch of one side (inside or outside cu-chi). */
    private record Side(String district, String commune, String organisation, String plan, String assessment,
                        String recognition, String batch, String obligation, String report, String nomination) {
    }

    private record Call(String method, String uri, Object body) {
    }

    @Test
    void everyEndpointOfTheServiceHasARowAndEveryRowARequest() throws Exception {
        List<Row> rows = table();
        assertThat(rows).hasSizeGreaterThan(30);
        Map<String, Function<Side, Call>> calls = calls();
        assertThat(new TreeSet<>(calls.keySet())).as("a request for every row")
                                                 .isEqualTo(new TreeSet<>(rows.stream().map(Row::endpoint).toList()));
        assertThat(endpointsOfTheService()).as("every endpoint of the service has a row")
                                           .isSubsetOf(new TreeSet<>(calls.keySet()));
    }

    /** One test per row of docs/AUTHORIZATION.md: every role, and where the row has a scope, inside and outside it. */
    @TestFactory
    Stream<DynamicTest> theServiceDecidesEachEndpointsRolesAndScopeAsTheTableSays() throws Exception {
        List<Row> rows = table();
        Side outside = side(provinceDistrictCommune());
        Side inside = side(cuChi());
        Map<String, Function<Side, Call>> calls = calls();
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.endpoint(), () -> {
            List<String> wrong = new ArrayList<>();
            for (Map.Entry<String, String> role : USERS.entrySet()) {
                boolean allowed = row.roles().contains("all") || row.roles().contains(role.getKey());
                Side side = role.getKey().equals("VIEWER") ? inside : outside;
                expect(wrong, row, role.getValue(), calls.get(row.endpoint()).apply(side), allowed ? null : "FORBIDDEN_ROLE");
            }
            if (row.scoped()) {
                boolean cuchiAllowed = row.roles().contains("all") || row.roles().stream()
                        .anyMatch(r -> Set.of("PLANNER", "ASSESSOR", "RECOGNIZER").contains(r));
                String user = cuchiAllowed ? "cuchi" : null;
                if (row.roles().contains("all")) {
                    user = "viewer";
                }
                if (user != null) {
                    expect(wrong, row, user + " inside", calls.get(row.endpoint()).apply(inside), null);
                    expect(wrong, row, user + " outside", calls.get(row.endpoint()).apply(outside), "NOT_IN_SCOPE");
                }
            }
            assertThat(wrong).as("decisions that differ from docs/AUTHORIZATION.md").isEmpty();
        }));
    }

    private void expect(List<String> wrong, Row row, String who, Call call, String refusal) {
        String user = who.split(" ")[0];
        WebTestClient.ResponseSpec response = switch (call.method()) {
            case "GET" -> as(user).get().uri(call.uri()).exchange();
            case "PUT" -> as(user).put().uri(call.uri()).bodyValue(call.body()).exchange();
            case "DELETE" -> as(user).delete().uri(call.uri()).exchange();
            default -> call.body() == null ? as(user).post().uri(call.uri()).exchange()
                    : as(user).post().uri(call.uri()).bodyValue(call.body()).exchange();
        };
        var result = response.returnResult(String.class);
        int status = result.getStatus().value();
        String body = String.join("", result.getResponseBody().collectList().block());
        boolean ok = refusal == null ? status != 403 : status == 403 && body.contains("\"code\":\"" + refusal + "\"");
        if (!ok) {
            wrong.add(row.endpoint() + " as " + who + ": expected " + (refusal == null ? "not 403" : "403 " + refusal)
                              + ", got " + status + " " + (body.length() > 150 ? body.substring(0, 150) : body));
        }
    }

    private List<Row> table() throws Exception {
        Path file = Path.of("..", "docs", "AUTHORIZATION.md");
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                String endpoint = cells[1].trim().replace("`", "");
                Set<String> roles = new TreeSet<>();
                for (String role : cells[2].split(",")) {
                    roles.add(role.trim());
                }
                rows.add(new Row(endpoint, roles, !cells[3].trim().equals("—")));
            }
        }
        return rows;
    }

    private Set<String> endpointsOfTheService() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternsCondition().getPatterns().forEach(
                pattern -> info.getMethodsCondition().getMethods().forEach(method -> {
                    String path = pattern.getPatternString();
                    if (path.startsWith("/api/v1")) {
                        String endpoint = method.name() + " " + path.substring("/api/v1".length());
                        if (!LISTS.contains(endpoint)) {
                            endpoints.add(endpoint);
                        }
                    }
                })));
        return endpoints;
    }

    private Map<String, Function<Side, Call>> calls() {
        Map<String, Function<Side, Call>> calls = new HashMap<>();
        calls.put("POST /units", s -> new Call("POST", "/units", Map.of("id", fresh("xa"), "name", "Xã", "kind", "COMMUNE",
                                                                        "parentId", s.district(), "validFrom", "2020-01-01")));
        calls.put("GET /units", s -> new Call("GET", "/units?q=don vi", null));
        calls.put("GET /units/{id}", s -> new Call("GET", "/units/" + s.commune(), null));
        calls.put("POST /session", s -> new Call("POST", "/session", Map.of("username", "viewer", "password", "viewer-demo")));
        calls.put("GET /session", s -> new Call("GET", "/session", null));
        calls.put("DELETE /session", s -> new Call("DELETE", "/session", null));
        calls.put("GET /units/{id}/children", s -> new Call("GET", "/units/" + s.district() + "/children", null));
        calls.put("GET /units/{id}/history", s -> new Call("GET", "/units/" + s.commune() + "/history", null));
        calls.put("POST /units/{id}/rename", s -> new Call("POST", "/units/" + s.commune() + "/rename",
                                                            Map.of("name", "Tên", "validFrom", "2024-01-01", "reason", "r")));
        calls.put("POST /units/{id}/move", s -> new Call("POST", "/units/" + s.organisation() + "/move",
                                                          Map.of("parentId", s.district(), "validFrom", "2024-01-01", "reason", "r")));
        calls.put("POST /units/{id}/merge", s -> new Call("POST", "/units/" + s.commune() + "/merge",
                                                           Map.of("intoId", s.commune(), "validFrom", "2024-01-01", "reason", "r")));
        // refused for the units under it, once allowed: the district stays
        calls.put("POST /units/{id}/dissolve", s -> new Call("POST", "/units/" + s.district() + "/dissolve",
                                                              Map.of("validFrom", "2025-07-01", "reason", "r")));
        calls.put("POST /plans", s -> new Call("POST", "/plans", PlansApiTest.plan(s.district())));
        calls.put("GET /plans/{id}", s -> new Call("GET", "/plans/" + s.plan(), null));
        for (String step : List.of("issue", "close", "reopen")) {
            calls.put("POST /plans/{id}/" + step, s -> new Call("POST", "/plans/" + s.plan() + "/" + step,
                                                                 step.equals("issue") ? null : Map.of("reason", "r")));
        }
        calls.put("POST /plans/{id}/amend", s -> new Call("POST", "/plans/" + s.plan() + "/amend", Map.of("reason", "r")));
        calls.put("GET /frameworks", s -> new Call("GET", "/frameworks", null));
        calls.put("GET /frameworks/{code}/versions/{version}", s -> new Call("GET", "/frameworks/TT22-2020-DVHT/versions/1", null));
        calls.put("POST /frameworks", s -> new Call("POST", "/frameworks", Map.of("code", "X")));
        calls.put("POST /assessments", s -> new Call("POST", "/assessments", Map.of(
                "subjectUnitId", s.organisation(), "framework", "TT22-2020-DVHT", "year", THIS_YEAR, "scores", List.of())));
        calls.put("GET /assessments/{id}", s -> new Call("GET", s.assessment(), null));
        calls.put("PUT /assessments/{id}/scores", s -> new Call("PUT", s.assessment() + "/scores", Map.of("scores", List.of())));
        calls.put("POST /assessments/{id}/submit", s -> new Call("POST", s.assessment() + "/submit", null));
        calls.put("POST /assessments/{id}/return", s -> new Call("POST", s.assessment() + "/return", Map.of("reason", "r")));
        calls.put("POST /assessments/{id}/review", s -> new Call("POST", s.assessment() + "/review",
                                                                  Map.of("conclusion", Map.of("result", "DAT"))));
        calls.put("POST /recognitions", s -> new Call("POST", "/recognitions", Map.of(
                "title", "DON_VI_HOC_TAP", "subjectUnitId", s.organisation(), "year", 2022, "level", "MUC_DO_1",
                "decisionNumber", "1/QĐ", "decidedOn", "2023-02-10")));
        calls.put("GET /recognitions/{id}", s -> new Call("GET", s.recognition(), null));
        calls.put("POST /recognitions/{id}/revoke", s -> new Call("POST", s.recognition() + "/revoke", Map.of("reason", "r")));
        calls.put("POST /recognitions/{id}/correct-validity", s -> new Call("POST", s.recognition() + "/correct-validity",
                                                                              Map.of("validThrough", "2023-12-31", "reason", "r")));
        calls.put("GET /recognitions/validity-review", s -> new Call("GET", "/recognitions/validity-review?framework=TT22-2020-DVHT", null));
        calls.put("GET /units/{id}/closed-plans", s -> new Call("GET", "/units/" + s.commune() + "/closed-plans?year=2023", null));
        calls.put("GET /units/{id}/recognitions", s -> new Call("GET", "/units/" + s.organisation() + "/recognitions", null));
        calls.put("POST /recognition-batches", s -> new Call("POST", "/recognition-batches", Map.of(
                "unitId", s.commune(), "title", "GIA_DINH_HOC_TAP", "year", 2023, "count", 5, "decisionNumber", "1/QĐ",
                "decidedOn", "2023-12-01")));
        calls.put("GET /recognition-batches/{id}", s -> new Call("GET", s.batch(), null));
        calls.put("GET /units/{id}/recognition-batches", s -> new Call("GET", "/units/" + s.commune() + "/recognition-batches", null));
        calls.put("PUT /units/{id}/baselines/{year}", s -> new Call("PUT", "/units/" + s.commune() + "/baselines/2023",
                                                                    Map.of("households", 100)));
        calls.put("GET /units/{id}/baselines/{year}", s -> new Call("GET", "/units/" + s.commune() + "/baselines/2023", null));
        calls.put("POST /units/{id}/indicator-values", s -> new Call("POST", "/units/" + s.commune() + "/indicator-values",
                                                                     Map.of("indicator", "INFO_LITERACY", "year", 2023,
                                                                            "numerator", 1, "denominator", 2, "source", "s")));
        calls.put("GET /units/{id}/indicator-values", s -> new Call(
                "GET", "/units/" + s.commune() + "/indicator-values?indicator=INFO_LITERACY&year=2023", null));
        calls.put("GET /indicators", s -> new Call("GET", "/indicators?unitId=" + s.district() + "&year=2023", null));
        calls.put("GET /indicators/catalogue", s -> new Call("GET", "/indicators/catalogue", null));
        calls.put("GET /audit/events", s -> new Call("GET", "/audit/events?limit=1", null));
        calls.put("GET /audit/verify", s -> new Call("GET", "/audit/verify", null));
        calls.put("GET /audit/export", s -> new Call("GET", "/audit/export?aggregateId=" + s.commune(), null));
        calls.put("GET /admin/projections", s -> new Call("GET", "/admin/projections", null));
        calls.put("GET /plans/{id}/obligations", s -> new Call("GET", "/plans/" + id(s.plan()) + "/obligations", null));
        calls.put("GET /plans/{id}/task-progress", s -> new Call("GET", "/plans/" + id(s.plan()) + "/task-progress", null));
        calls.put("GET /plans/{id}/annual-report", s -> new Call("GET", "/plans/" + id(s.plan()) + "/annual-report?format=xlsx", null));
        calls.put("GET /units/{id}/obligations", s -> new Call("GET", "/units/" + s.commune() + "/obligations", null));
        calls.put("GET /obligations/{id}", s -> new Call("GET", "/obligations/" + s.obligation(), null));
        calls.put("POST /obligations/{id}/reports", s -> new Call("POST", "/obligations/" + s.obligation() + "/reports",
                                                                    Map.of("narrative", "Báo cáo lại")));
        calls.put("GET /reports/{id}", s -> new Call("GET", s.report(), null));
        calls.put("POST /reports/{id}/accept", s -> new Call("POST", s.report() + "/accept", null));
        calls.put("POST /reports/{id}/return", s -> new Call("POST", s.report() + "/return", Map.of("reason", "Thiếu số liệu")));
        calls.put("GET /imports/templates/{kind}", s -> new Call("GET", "/imports/templates/baselines?unitId=" + s.district(), null));
        calls.put("POST /imports/{kind}", s -> new Call("POST", "/imports/baselines?dryRun=true", Map.of()));
        calls.put("GET /exports/indicators", s -> new Call("GET", "/exports/indicators?unitId=" + s.district() + "&year=2023", null));
        calls.put("PUT /units/{id}/pcgd-surveys/{year}", s -> new Call("PUT", "/units/" + s.commune() + "/pcgd-surveys/2025",
                                                                        Map.of("figures", Map.of("children5", 10), "dbkk", false,
                                                                               "conditionsMet", Map.of())));
        calls.put("GET /units/{id}/pcgd-surveys/{year}", s -> new Call("GET", "/units/" + s.commune() + "/pcgd-surveys/2025", null));
        calls.put("POST /units/{id}/pcgd-surveys/{year}/lock", s -> new Call("POST", "/units/" + s.commune() + "/pcgd-surveys/2025/lock",
                                                                             Map.of("reason", "Chốt")));
        calls.put("POST /units/{id}/pcgd-surveys/{year}/unlock", s -> new Call("POST", "/units/" + s.commune() + "/pcgd-surveys/2025/unlock",
                                                                               Map.of("reason", "Mở")));
        calls.put("GET /emulation-movements", s -> new Call("GET", "/emulation-movements", null));
        calls.put("POST /award-nominations", s -> new Call("POST", "/award-nominations", Map.of(
                "movement", "PT-1315-2023", "phase", "GD1_2023_2025", "occasion", "HANG_NAM", "year", 2025,
                "form", "GIAY_KHEN", "subject", Map.of("kind", "TAP_THE", "unitId", s.commune()),
                "achievements", "Thành tích", "proposedByUnitId", s.commune())));
        calls.put("GET /award-nominations", s -> new Call("GET", "/award-nominations?unitId=" + s.commune(), null));
        calls.put("GET /award-nominations/{id}", s -> new Call("GET", s.nomination(), null));
        calls.put("POST /award-nominations/{id}/submit", s -> new Call("POST", s.nomination() + "/submit", Map.of()));
        calls.put("POST /award-nominations/{id}/return", s -> new Call("POST", s.nomination() + "/return", Map.of("reason", "r")));
        calls.put("POST /award-nominations/{id}/council-review", s -> new Call("POST", s.nomination() + "/council-review",
                                                                                Map.of("recommendation", "PROPOSE", "reason", "r")));
        calls.put("POST /award-nominations/{id}/decide", s -> new Call("POST", s.nomination() + "/decide", Map.of(
                "decision", "AWARDED", "decisionNumber", "1/QĐ", "decidedOn", "2025-12-01")));
        calls.put("POST /award-nominations/{id}/revoke", s -> new Call("POST", s.nomination() + "/revoke", Map.of("reason", "r")));
        calls.put("POST /award-nominations/{id}/forget-person", s -> new Call("POST", s.nomination() + "/forget-person",
                                                                               Map.of("reason", "r")));
        calls.put("GET /units/{id}/awards", s -> new Call("GET", "/units/" + s.commune() + "/awards", null));
        calls.put("GET /units/{id}/pcgd-levels", s -> new Call("GET", "/units/" + s.commune() + "/pcgd-levels?year=2025", null));
        calls.put("POST /admin/projections/{name}/rebuild", s -> new Call("POST", "/admin/projections/frameworks/rebuild", null));
        return calls;
    }

    /** The cu-chi district (the scoped users' subtree) under a province, and a commune in it. */
    private String[] cuChi() {
        String province = fresh("tinh");
        register(province, "PROVINCE", null, "2020-01-01");
        cuChiUnder(province);
        String commune = fresh("xa");
        register(commune, "COMMUNE", "cu-chi", "2020-01-01");
        return new String[]{province, "cu-chi", commune};
    }

    private Side side(String[] units) {
        String organisation = fresh("truong");
        register(organisation, "ORGANISATION", units[1], "2020-01-01");
        String plan = createIssued(units[1]);
        String assessment = created(as("assessor").post().uri("/assessments").bodyValue(Map.of(
                "subjectUnitId", organisation, "framework", "TT22-2020-DVHT", "year", THIS_YEAR,
                "scores", AssessmentsApiTest.points86())).exchange());
        String recognition = created(as("recognizer").post().uri("/recognitions").bodyValue(Map.of(
                "title", "DON_VI_HOC_TAP", "subjectUnitId", organisation, "year", 2023, "level", "MUC_DO_1",
                "decisionNumber", "2/QĐ", "decidedOn", "2024-02-10")).exchange());
        String batch = created(as("recognizer").post().uri("/recognition-batches").bodyValue(Map.of(
                "unitId", units[2], "title", "GIA_DINH_HOC_TAP", "year", 2023, "count", 5, "decisionNumber", "3/QĐ",
                "decidedOn", "2023-12-01")).exchange());
        String obligation = commonsObligation(plan, units[2]);
        String report = created(as("planner").post().uri("/obligations/{id}/reports", obligation)
                                             .bodyValue(Map.of("narrative", "Báo cáo")).exchange());
        waitForMovement();
        String nomination = created(as("planner").post().uri("/award-nominations").bodyValue(Map.of(
                "movement", "PT-1315-2023", "phase", "GD1_2023_2025", "occasion", "HANG_NAM", "year", 2025,
                "form", "GIAY_KHEN", "subject", Map.of("kind", "TAP_THE", "unitId", units[2]),
                "achievements", "Thành tích", "proposedByUnitId", units[2])).exchange());
        return new Side(units[1], units[2], organisation, plan, assessment, recognition, batch, obligation, report,
                        nomination);
    }

    /** The commune's obligation on the plan, once the reporting view shows it. */
    @SuppressWarnings("unchecked")
    private String commonsObligation(String plan, String commune) {
        for (int attempt = 0; attempt < 200; attempt++) {
            List<Map<String, Object>> items = (List<Map<String, Object>>) as("auditor").get()
                    .uri("/plans/" + id(plan) + "/obligations").exchange()
                    .expectBody(Map.class).returnResult().getResponseBody().get("items");
            for (Map<String, Object> item : items == null ? List.<Map<String, Object>>of() : items) {
                if (commune.equals(item.get("unitId"))) {
                    return (String) item.get("id");
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("no obligation of " + commune);
    }

    private static String id(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String created(WebTestClient.ResponseSpec response) {
        return response.expectStatus().isCreated().returnResult(String.class).getResponseHeaders().getLocation().getPath()
                       .replace("/api/v1", "");
    }
}
