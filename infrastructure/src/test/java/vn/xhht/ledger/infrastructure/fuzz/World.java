package vn.xhht.ledger.infrastructure.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One sequence's world for the stateful test: a province of its own (two districts, three communes, four villages),
 * a plan of the first district for 2024, and what the service accepted so far — the model the figures are
 * recomputed from. Commands are sent over HTTP by the users whose roles they need.
 */
public final class World {

    static final int YEAR = 2024;
    private static final AtomicInteger WORLDS = new AtomicInteger();

    final ServiceUnderTest service;
    final KeyPair jwtKeys;
    final String province;
    final String district1;
    final String district2;
    final List<String> communes = new ArrayList<>();
    final List<String> villages = new ArrayList<>();
    final Set<String> merged = new LinkedHashSet<>();
    final String plan;
    final Map<String, Long> households = new LinkedHashMap<>();
    final Map<String, Long> titled = new LinkedHashMap<>();
    final List<String> log = new ArrayList<>();

    World(ServiceUnderTest service, KeyPair jwtKeys) {
        this.service = service;
        this.jwtKeys = jwtKeys;
        String prefix = "w" + WORLDS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
        province = prefix + "-tinh";
        district1 = prefix + "-huyen-1";
        district2 = prefix + "-huyen-2";
        try {
            register(province, "PROVINCE", null);
            register(district1, "DISTRICT", province);
            register(district2, "DISTRICT", province);
            for (int c = 1; c <= 3; c++) {
                communes.add(register(prefix + "-xa-" + c, "COMMUNE", c < 3 ? district1 : district2));
            }
            int[] communeOf = {0, 0, 1, 2};
            for (int v = 0; v < communeOf.length; v++) {
                villages.add(register(prefix + "-ap-" + (v + 1), "VILLAGE", communes.get(communeOf[v])));
            }
            plan = service.json("planner", "POST", "/plans", Map.of(
                    "issuerUnitId", district1, "number", prefix + "/KH-UBND", "title", "Kế hoạch năm " + YEAR,
                    "issuedOn", YEAR + "-01-15", "period", Map.of("from", YEAR + "-01-01", "to", YEAR + "-12-31"),
                    "targets", List.of(Map.of("indicator", "HOUSEHOLDS_TITLED", "target", 0.6)))).path("id").asText();
            service.json("planner", "POST", "/plans/" + plan + "/issue", null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String register(String id, String kind, String parent) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("id", id, "name", "Đơn vị " + id, "kind", kind,
                                                              "validFrom", "2020-01-01"));
        if (parent != null) {
            body.put("parentId", parent);
        }
        service.json("admin", "POST", "/units", body);
        return id;
    }

    List<String> liveCommunes() {
        return communes.stream().filter(c -> !merged.contains(c)).toList();
    }

    /**
     * Sends a valid command; answers whether it was stored. A refusal must be a business refusal (409 or 422 with a
     * code, such as PERIOD_CLOSED after a close or INVALID_HIERARCHY), never a 5xx or a 400: the command was valid.
     */
    boolean send(String user, String method, String path, Object body, String what) {
        try {
            RawHttp.Response answer = service.call(user, method, path, body);
            log.add(what + " → " + answer.status());
            if (answer.status() < 300) {
                return true;
            }
            assertThat(answer.status()).as("%s answered %d: %s", what, answer.status(), answer.text()).isIn(409, 422);
            assertThat(ServiceUnderTest.JSON.readTree(answer.body()).path("code").asText()).isNotBlank();
            return false;
        } catch (IOException e) {
            throw new IllegalStateException(what, e);
        }
    }

    // ---- the checks after a sequence -------------------------------------------------------------------------

    public void check() throws Exception {
        awaitProjections();
        theLogVerifies();
        everyViewEqualsItsVerifiedRebuild();
        scopeNeverLeaks();
        theFiguresAreTheSumsOfWhatWasAccepted();
    }

    private void awaitProjections() throws Exception {
        for (int i = 0; i < 300; i++) {
            JsonNode projections = service.json("admin", "GET", "/admin/projections", null);
            boolean current = true;
            for (JsonNode projection : projections.path("items")) {
                current &= projection.path("lag").asLong() == 0;
            }
            if (current) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("projections never caught up");
    }

    private void theLogVerifies() throws IOException {
        JsonNode verified = service.verify();
        assertThat(verified.path("ok").asBoolean()).as("/audit/verify after %s: %s", log, verified).isTrue();
    }

    private void everyViewEqualsItsVerifiedRebuild() throws IOException {
        for (JsonNode projection : service.json("admin", "GET", "/admin/projections", null).path("items")) {
            String name = projection.path("name").asText();
            JsonNode rebuilt = service.json("admin", "POST", "/admin/projections/" + name + "/rebuild", null);
            assertThat(rebuilt.path("equal").asBoolean()).as("view %s equals its rebuild after %s: %s", name, log, rebuilt)
                                                         .isTrue();
        }
    }

    private void scopeNeverLeaks() throws IOException {
        String viewer = token("xem-huyen-1", List.of("VIEWER"), List.of(district1));
        List<String> inScope = new ArrayList<>(List.of(district1));
        communes.subList(0, 2).stream().filter(c -> !merged.contains(c)).forEach(inScope::add);
        for (String unit : inScope) {
            assertThat(read(viewer, "/units/" + unit)).as("%s in scope", unit).isEqualTo(200);
        }
        for (String unit : List.of(province, district2, communes.get(2))) {
            for (String path : List.of("/units/" + unit, "/units/" + unit + "/children", "/units/" + unit + "/history",
                                       "/units/" + unit + "/recognitions", "/indicators?unitId=" + unit + "&year=" + YEAR,
                                       "/plans?unitId=" + unit, "/assessments?unitId=" + unit)) {
                assertThat(read(viewer, path)).as("%s is out of the viewer's scope after %s", path, log).isEqualTo(403);
            }
        }
        assertThat(read(viewer, "/audit/events")).isEqualTo(403);
    }

    private int read(String bearer, String path) throws IOException {
        return service.http.send(new RawHttp.Request("GET", "/api/v1" + path,
                                                     List.<String[]>of(new String[]{"Authorization", "Bearer " + bearer}), null))
                           .status();
    }

    private void theFiguresAreTheSumsOfWhatWasAccepted() throws IOException {
        for (String village : villages) {
            JsonNode row = row(village);
            assertThat(row.path("numerator").asLong()).as("%s titled households after %s", village, log)
                                                      .isEqualTo(titled.getOrDefault(village, 0L));
            if (households.containsKey(village)) {
                assertThat(row.path("denominator").asLong()).as("%s households after %s", village, log)
                                                            .isEqualTo(households.get(village));
            }
        }
        JsonNode whole = row(province);
        assertThat(whole.path("numerator").asLong()).as("the province's titled households after %s", log)
                                                    .isEqualTo(titled.values().stream().mapToLong(Long::longValue).sum());
        assertThat(whole.path("denominator").asLong()).as("the province's households after %s", log)
                                                      .isEqualTo(households.values().stream().mapToLong(Long::longValue).sum());
    }

    private JsonNode row(String unit) throws IOException {
        for (JsonNode row : service.json("auditor", "GET", "/indicators?unitId=" + unit + "&year=" + YEAR, null).path("items")) {
            if (row.path("indicator").asText().equals("HOUSEHOLDS_TITLED")) {
                return row;
            }
        }
        throw new AssertionError("no HOUSEHOLDS_TITLED row for " + unit);
    }

    private String token(String user, List<String> roles, List<String> units) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                    .subject(user).claim("preferred_username", user).claim("roles", roles).claim("units", units)
                    .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
            jwt.sign(new RSASSASigner((RSAPrivateKey) jwtKeys.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return province + " " + log;
    }
}
