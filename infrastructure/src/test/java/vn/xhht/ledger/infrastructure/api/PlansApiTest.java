package vn.xhht.ledger.infrastructure.api;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

class PlansApiTest extends ApiTest {

    static Map<String, Object> plan(String issuer) {
        return Map.of("issuerUnitId", issuer, "number", "163/KH-UBND", "title", "Kế hoạch xây dựng XHHT năm 2023",
                      "issuedOn", "2023-02-01", "period", Map.of("from", "2023-01-01", "to", "2023-12-31"),
                      "basis", List.of("1373/QĐ-TTg"),
                      "targets", List.of(Map.of("indicator", "HOUSEHOLDS_TITLED", "target", 0.55)),
                      "tasks", List.of(Map.of("content", "Tuyên truyền", "leadUnitId", issuer,
                                              "coordinatingUnitIds", List.of(), "timeframe", "Quý I")),
                      "deadlines", List.of(Map.of("what", "Báo cáo năm", "due", "2023-12-10")));
    }

    @Test
    void aPlanNamingAnIndicatorOutsideTheCatalogueOrAUnitThatDoesNotExistIsRefusedAndStoresNothing() {
        String district = provinceDistrictCommune()[1];
        Map<String, Object> typo = new java.util.HashMap<>(plan(district));
        typo.put("targets", List.of(Map.of("indicator", "HOUSEHOLDS_TITLED", "target", 0.6),
                                    Map.of("indicator", "HOUSEHOLD_TITLED", "target", 0.6)));
        as("planner").post().uri("/plans").bodyValue(typo).exchange().expectStatus().isEqualTo(422)
                     .expectBody().jsonPath("$.code").isEqualTo("UNKNOWN_INDICATOR")
                     .jsonPath("$.errors[0].field").isEqualTo("targets[1].indicator");
        Map<String, Object> nobody = new java.util.HashMap<>(plan(district));
        nobody.put("tasks", List.of(Map.of("content", "Tuyên truyền", "leadUnitId", district,
                                           "coordinatingUnitIds", List.of(district, "no-such-unit"), "timeframe", "Quý I")));
        as("planner").post().uri("/plans").bodyValue(nobody).exchange().expectStatus().isEqualTo(422)
                     .expectBody().jsonPath("$.code").isEqualTo("UNKNOWN_UNIT")
                     .jsonPath("$.errors[0].field").isEqualTo("tasks[0].coordinatingUnitIds[1]");

        String id = createIssued(district);
        as("planner").post().uri("/plans/{id}/amend", id)
                     .bodyValue(Map.of("targets", List.of(Map.of("indicator", "HOUSEHOLD_TITLED", "target", 0.6)),
                                       "reason", "Sửa chỉ tiêu"))
                     .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("UNKNOWN_INDICATOR");
        as("planner").post().uri("/plans/{id}/amend", id)
                     .bodyValue(Map.of("tasks", List.of(Map.of("content", "Tuyên truyền", "leadUnitId", "no-such-unit",
                                                               "coordinatingUnitIds", List.of(), "timeframe", "Quý I")),
                                       "reason", "Đổi đơn vị chủ trì"))
                     .exchange().expectStatus().isEqualTo(422).expectBody()
                     .jsonPath("$.errors[0].field").isEqualTo("tasks[0].leadUnitId");
        as("auditor").get().uri("/plans/{id}", id).exchange().expectStatus().isOk().expectBody()
                     .jsonPath("$.version").isEqualTo(2).jsonPath("$.targets[0].indicator").isEqualTo("HOUSEHOLDS_TITLED");
        as("auditor").get().uri("/plans?unitId={u}", district).exchange()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(1);
    }

    @Test
    void aCommunesFiguresAreFrozenByItsDistrictsClosedPlanWithWhoClosedItWhenAndWhy() {
        String[] ids = provinceDistrictCommune();
        as("auditor").get().uri("/units/{id}/closed-plans?year=2023", ids[2]).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(0);
        String id = createIssued(ids[1]);
        String before = java.time.Instant.now().toString();
        as("planner").post().uri("/plans/{id}/close", id).bodyValue(Map.of("reason", "Chốt số liệu 2023")).exchange()
                     .expectStatus().isOk();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline && !as("auditor").get().uri("/units/{id}/closed-plans?year=2023", ids[2]).exchange()
                .expectBody(String.class).returnResult().getResponseBody().contains(id)) {
            sleepQuietly(100);
        }
        as("auditor").get().uri("/units/{id}/closed-plans?year=2023", ids[2]).exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.items[0].id").isEqualTo(id)
                    .jsonPath("$.items[0].issuerUnitId").isEqualTo(ids[1])
                    .jsonPath("$.items[0].lastStatusChange.actor").isEqualTo("planner")
                    .jsonPath("$.items[0].lastStatusChange.reason").isEqualTo("Chốt số liệu 2023");
        as("auditor").get().uri("/units/{id}/closed-plans?year=2024", ids[2]).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.items.length()").isEqualTo(0);
        as("auditor").get().uri("/units/{id}/closed-plans?year=2023&asOf={t}", ids[2], before).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(0);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aPlannerDraftsIssuesAmendsClosesAndReopensAPlanAndEachStepIsAttributed() {
        String district = provinceDistrictCommune()[1];
        String id = createIssued(district);
        as("planner").post().uri("/plans/{id}/amend", id)
                     .bodyValue(Map.of("targets", List.of(Map.of("indicator", "HOUSEHOLDS_TITLED", "target", 0.60)),
                                       "reason", "Theo chỉ đạo của UBND thành phố"))
                     .exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.targets[0].target").isEqualTo(0.6)
                     .jsonPath("$.tasks[0].content").isEqualTo("Tuyên truyền");
        as("planner").post().uri("/plans/{id}/close", id).bodyValue(Map.of("reason", "Chốt số liệu năm 2023"))
                     .exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.status").isEqualTo("CLOSED")
                     .jsonPath("$.lastStatusChange.actor").isEqualTo("planner")
                     .jsonPath("$.lastStatusChange.reason").isEqualTo("Chốt số liệu năm 2023")
                     .jsonPath("$.lastStatusChange.at").exists()
                     .jsonPath("$.version").isEqualTo(4);
        as("planner").post().uri("/plans/{id}/close", id).bodyValue(Map.of("reason", "again"))
                     .exchange().expectStatus().isEqualTo(409)
                     .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                     .expectBody().jsonPath("$.code").isEqualTo("PLAN_ALREADY_CLOSED");
        as("planner").post().uri("/plans/{id}/reopen", id).bodyValue(Map.of("reason", "Điều chỉnh số liệu xã"))
                     .exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.status").isEqualTo("ISSUED")
                     .jsonPath("$.lastStatusChange.reason").isEqualTo("Điều chỉnh số liệu xã");
        as("viewer").get().uri("/plans/{id}", id).exchange().expectStatus().isForbidden();
        as("auditor").get().uri("/plans?unitId={u}&year=2023", district).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items[0].id").isEqualTo(id).jsonPath("$.next").isEmpty();
        as("auditor").get().uri("/plans?unitId={u}&year=2024", district).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(0);
    }

    @Test
    void everyStoredEventCarriesTheActorRolesReasonAndCorrelationIdOfItsRequest() {
        String district = provinceDistrictCommune()[1];
        String id = createIssued(district);
        as("planner").post().uri("/plans/{id}/close", id).header("X-Correlation-Id", "bao-cao-2023-12")
                     .bodyValue(Map.of("reason", "Chốt số liệu năm 2023"))
                     .exchange().expectStatus().isOk().expectHeader().valueEquals("X-Correlation-Id", "bao-cao-2023-12");

        Document commit = eventDatabase.getCollection("events")
                                       .find(eq("keys", id + "\u0001" + 3)).first();
        assertThat(commit).isNotNull();
        // the close's commit also closes the district's period ledger and cancels the obligations still owed
        List<Document> events = commit.getList("events", Document.class);
        Document event = events.stream().filter(e -> e.getString("ptype").endsWith("PlanClosedEvent")).findFirst()
                               .orElseThrow();
        assertThat(event.getString("ptype")).endsWith("PlanClosedEvent");
        assertThat(event.get("ts")).isInstanceOf(java.util.Date.class);
        Document payload = event.get("p", Document.class);
        assertThat(payload.getString("reason")).isEqualTo("Chốt số liệu năm 2023");
        Document metaData = event.get("m", Document.class);
        assertThat(metaData.getString("actor")).isEqualTo("planner");
        assertThat(metaData.getList("roles", String.class)).containsExactly("PLANNER");
        assertThat(metaData.getString("reason")).isEqualTo("Chốt số liệu năm 2023");
        assertThat(metaData.getString("correlationId")).isEqualTo("bao-cao-2023-12");
    }

    @Test
    void theActorComesFromAuthenticationNeverFromTheBody() {
        String district = provinceDistrictCommune()[1];
        String id = createIssued(district);
        as("planner").post().uri("/plans/{id}/close", id)
                     .bodyValue(Map.of("reason", "r", "actor", "mallory"))
                     .exchange().expectStatus().isBadRequest()
                     .expectBody().jsonPath("$.code").isEqualTo("MALFORMED_REQUEST")
                     .jsonPath("$.errors[0].field").isEqualTo("actor");
        as("auditor").get().uri("/plans/{id}", id).exchange().expectBody().jsonPath("$.status").isEqualTo("ISSUED");
    }


    @Test
    void badInputIsAClearProblemAndNeverAServerError() {
        String district = provinceDistrictCommune()[1];
        as("planner").post().uri("/plans").bodyValue("{\"issuerUnitId\": ").exchange()
                     .expectStatus().isBadRequest()
                     .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                     .expectBody().jsonPath("$.code").isEqualTo("MALFORMED_REQUEST").jsonPath("$.status").isEqualTo(400);
        Map<String, Object> noTitle = new java.util.HashMap<>(plan(district));
        noTitle.remove("title");
        as("planner").post().uri("/plans").bodyValue(noTitle).exchange()
                     .expectStatus().isBadRequest()
                     .expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED")
                     .jsonPath("$.errors[0].field").isEqualTo("title");
        Map<String, Object> badDate = new java.util.HashMap<>(plan(district));
        badDate.put("issuedOn", "2023-02-30");
        as("planner").post().uri("/plans").bodyValue(badDate).exchange()
                     .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("issuedOn");
        Map<String, Object> backwards = new java.util.HashMap<>(plan(district));
        backwards.put("period", Map.of("from", "2023-12-31", "to", "2023-01-01"));
        as("planner").post().uri("/plans").bodyValue(backwards).exchange()
                     .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("INVALID_PERIOD");
        Map<String, Object> percent = new java.util.HashMap<>(plan(district));
        percent.put("targets", List.of(Map.of("indicator", "HOUSEHOLDS_TITLED", "target", 60)));
        as("planner").post().uri("/plans").bodyValue(percent).exchange()
                     .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("targets[0].target");
        as("planner").post().uri("/plans").bodyValue(Map.of("issuerUnitId", Map.of("$gt", ""))).exchange()
                     .expectStatus().isBadRequest();
        as("planner").post().uri("/plans/{id}/close", "not-a-plan").bodyValue(Map.of("reason", "r")).exchange()
                     .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("PLAN_NOT_FOUND");
        as("planner").post().uri("/plans/{id}/close", java.util.UUID.randomUUID()).bodyValue(Map.of("reason", "r"))
                     .exchange().expectStatus().isNotFound();
        as("planner").post().uri("/plans/{id}/close", java.util.UUID.randomUUID()).bodyValue(Map.of("reason", " "))
                     .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        as("planner").post().uri("/plans").bodyValue("x".repeat(300_000)).exchange()
                     .expectStatus().isEqualTo(413);
        as("planner").get().uri("/plans?limit=501").exchange().expectStatus().isBadRequest();
        as("planner").get().uri("/no-such-endpoint").exchange().expectStatus().isNotFound()
                     .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anUnknownUserIsUnauthorizedAndHealthNeedsNoCredentials() {
        anonymous().get().uri("/api/v1/plans").exchange().expectStatus().isUnauthorized()
                   .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                   .expectBody().jsonPath("$.code").isEqualTo("UNAUTHENTICATED");
        as("nobody").get().uri("/plans").exchange().expectStatus().isUnauthorized();
        anonymous().get().uri("/actuator/health").exchange().expectStatus().isOk()
                   .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void aPlannerScopedToOneDistrictCannotPlanForAnother() {
        String district = provinceDistrictCommune()[1];
        as("cuchi").post().uri("/plans").bodyValue(plan(district)).exchange()
                   .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("NOT_IN_SCOPE");
    }
}
