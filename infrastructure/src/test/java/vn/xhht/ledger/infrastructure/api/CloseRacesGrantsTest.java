package vn.xhht.ledger.infrastructure.api;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plan's close racing grants dated in its period: every grant is either refused, or stored before the close (at a
 * lower global position) and counted in the figures frozen by the close. Never accepted and missing.
 */
class CloseRacesGrantsTest extends ApiTest {

    private static final int COMMUNES = 24;

    @Test
    void aGrantRacingACloseIsEitherRefusedOrStoredBeforeTheClose() throws Exception {
        String[] ids = provinceDistrictCommune();
        String district = ids[1];
        List<String> communes = new ArrayList<>();
        for (int i = 0; i < COMMUNES; i++) {
            String commune = fresh("xa");
            register(commune, "COMMUNE", district, "2020-01-01");
            communes.add(commune);
        }
        String planPath = as("planner").post().uri("/plans").bodyValue(PlansApiTest.plan(district)).exchange()
                                       .expectStatus().isCreated().returnResult(String.class)
                                       .getResponseHeaders().getLocation().getPath().replace("/api/v1", "");
        as("planner").post().uri(planPath + "/issue").exchange().expectStatus().isOk();

        Map<String, String> accepted = new ConcurrentHashMap<>();   // commune -> recognition id
        List<String> refusals = new CopyOnWriteArrayList<>();
        CountDownLatch halfway = new CountDownLatch(COMMUNES / 3);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (String commune : communes) {
            futures.add(pool.submit(() -> {
                Map<String, Object> grant = new HashMap<>(Map.of("title", "CONG_DONG_HOC_TAP_XA", "subjectUnitId", commune,
                                                                 "year", 2023, "level", "MUC_DO_1",
                                                                 "decisionNumber", "45/QĐ-UBND", "decidedOn", "2023-12-20"));
                var result = as("recognizer").post().uri("/recognitions").bodyValue(grant).exchange()
                                             .expectBody(Map.class).returnResult();
                if (result.getStatus().value() == 201) {
                    accepted.put(commune, (String) result.getResponseBody().get("id"));
                } else {
                    refusals.add(result.getStatus().value() + " " + result.getResponseBody().get("code"));
                }
                halfway.countDown();
                return null;
            }));
        }
        assertThat(halfway.await(60, TimeUnit.SECONDS)).isTrue();
        as("planner").post().uri(planPath + "/close").bodyValue(Map.of("reason", "Chốt số liệu năm 2023"))
                     .exchange().expectStatus().isOk();
        for (Future<?> future : futures) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        System.out.printf("close raced %d grants: %d stored before it, %d refused %s%n", COMMUNES, accepted.size(),
                          refusals.size(), refusals);
        assertThat(accepted.size() + refusals.size()).isEqualTo(COMMUNES);
        assertThat(refusals).allMatch(r -> r.equals("409 PERIOD_CLOSED") || r.equals("409 CONCURRENT_MODIFICATION"));
        assertThat(accepted).isNotEmpty();
        String planId = planPath.substring(planPath.lastIndexOf('/') + 1);
        long closePosition = position("planId", planId, "PlanClosedEvent");
        for (String recognitionId : accepted.values()) {
            assertThat(position("recognitionId", recognitionId, "RecognitionGrantedEvent"))
                    .as("grant %s was stored before the close", recognitionId).isLessThan(closePosition);
        }
        // Every accepted grant is in the close's frozen figures: the district's communes titled as of the close.
        String closedAt = as("auditor").get().uri(planPath).exchange().expectStatus().isOk()
                                       .expectBody(Map.class).returnResult().getResponseBody()
                                       .get("closes").toString().replaceAll("(?s).*closedAt=([^,}]+).*", "$1");
        awaitCommunesTitled(district, null, accepted.size());
        Map<?, ?> frozen = communesTitled(district, closedAt);
        assertThat(frozen.get("numerator")).isEqualTo(accepted.size());
        assertThat(frozen.get("denominator")).isEqualTo(COMMUNES + 1);
        // After the close, a grant in the closed year is refused; the next year is open.
        as("recognizer").post().uri("/recognitions")
                        .bodyValue(Map.of("title", "CONG_DONG_HOC_TAP_XA", "subjectUnitId", ids[2], "year", 2023,
                                          "level", "MUC_DO_1", "decisionNumber", "46/QĐ-UBND", "decidedOn", "2023-12-28"))
                        .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("PERIOD_CLOSED");
    }

    private Map<?, ?> communesTitled(String unit, String asOf) {
        Map<?, ?> table = as("auditor").get().uri("/indicators?unitId=" + unit + "&year=2023" + (asOf == null ? "" : "&asOf=" + asOf))
                                       .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<?>) table.get("items")).stream().map(Map.class::cast)
                                            .filter(row -> "COMMUNES_TITLED".equals(row.get("indicator"))).findFirst().orElseThrow();
    }

    private void awaitCommunesTitled(String unit, String asOf, int expected) throws InterruptedException {
        for (int i = 0; i < 200 && !Integer.valueOf(expected).equals(communesTitled(unit, asOf).get("numerator")); i++) {
            Thread.sleep(50);
        }
        assertThat(communesTitled(unit, asOf).get("numerator")).isEqualTo(expected);
    }

    /** The global position of the event of the given type whose payload has {@code field = value}. */
    private long position(String field, String value, String typeSuffix) {
        for (Document commit : eventDatabase.getCollection("events").find(new Document("events.p." + field, value))) {
            List<Document> events = commit.getList("events", Document.class);
            for (int i = 0; i < events.size(); i++) {
                Document event = events.get(i);
                if (event.getString("ptype").endsWith(typeSuffix) && value.equals(event.get("p", Document.class).get(field))) {
                    return commit.getLong("_id") + i;
                }
            }
        }
        throw new AssertionError("no " + typeSuffix + " with " + field + " " + value);
    }
}
