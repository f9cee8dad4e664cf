package vn.xhht.ledger.infrastructure.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every projection, replayed from the log into a fresh copy while the live one serves, equals the live one — after a
 * day's worth of the service's commands (units moved and merged, plans amended and closed, titles, batches,
 * baselines, reported values, assessments), i.e. the views are a pure function of the log.
 */
class ProjectionRebuildApiTest extends ApiTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyProjectionsRebuildEqualsTheLiveOne() {
        String[] ids = provinceDistrictCommune();
        String other = fresh("xa");
        register(other, "COMMUNE", ids[1], "2020-01-01");
        String plan = createIssued(ids[1]);
        as("planner").post().uri("/plans/{id}/amend", plan)
                     .bodyValue(Map.of("targets", List.of(Map.of("indicator", "HOUSEHOLDS_TITLED", "target", 0.6)),
                                       "reason", "điều chỉnh"))
                     .exchange().expectStatus().isOk();
        as("admin").post().uri("/units/{id}/merge", other)
                   .bodyValue(Map.of("intoId", ids[2], "validFrom", "2025-07-01", "reason", "sáp nhập"))
                   .exchange().expectStatus().isOk();

        Map<String, Object> list = as("auditor").get().uri("/admin/projections").exchange().expectStatus().isOk()
                                                .expectBody(Map.class).returnResult().getResponseBody();
        List<Map<String, Object>> projections = (List<Map<String, Object>>) list.get("items");
        assertThat(projections).extracting(p -> p.get("name"))
                               .containsExactly("units", "plans", "frameworks", "assessments", "recognitions",
                                                "figures", "indicators", "history", "reporting", "pcgd-surveys", "award-nominations");
        assertThat(projections).as("one node: it processes every segment")
                               .allSatisfy(p -> assertThat((List<Map<String, Object>>) p.get("segments"))
                                       .singleElement().satisfies(segment -> {
                                           assertThat(segment.get("local")).isEqualTo(true);
                                           assertThat(segment.get("node")).asString().isNotBlank();
                                       }));

        for (Map<String, Object> projection : projections) {
            Map<String, Object> result = as("admin").mutate().responseTimeout(Duration.ofMinutes(5)).build()
                                                    .post().uri("/admin/projections/{name}/rebuild", projection.get("name"))
                                                    .exchange().expectStatus().isOk().expectBody(Map.class)
                                                    .returnResult().getResponseBody();
            assertThat(result.get("equal")).as("%s: %s", projection.get("name"), result.get("differences"))
                                           .isEqualTo(true);
            assertThat(((Number) result.get("events")).longValue()).isPositive();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLiveViewEditedBehindTheServicesBackIsFoundUnequal() {
        String[] ids = provinceDistrictCommune();
        var records = eventDatabase.getCollection("unit_records");
        org.bson.Document original = records.find(com.mongodb.client.model.Filters.eq("_id", ids[2])).first();
        try {
            records.updateOne(com.mongodb.client.model.Filters.eq("_id", ids[2]),
                              new org.bson.Document("$set", new org.bson.Document("kind", "PROVINCE")));

            Map<String, Object> result = as("admin").post().uri("/admin/projections/units/rebuild").exchange()
                                                    .expectStatus().isOk().expectBody(Map.class).returnResult()
                                                    .getResponseBody();

            assertThat(result.get("equal")).isEqualTo(false);
            assertThat((List<String>) result.get("differences")).anyMatch(d -> d.contains(ids[2]));
        } finally {
            records.replaceOne(com.mongodb.client.model.Filters.eq("_id", ids[2]), original);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSwappedInRebuildRepairsALiveViewAndTheProjectionCarriesOn() {
        String[] ids = provinceDistrictCommune();
        var records = eventDatabase.getCollection("unit_records");
        records.updateOne(com.mongodb.client.model.Filters.eq("_id", ids[2]),
                          new org.bson.Document("$set", new org.bson.Document("kind", "PROVINCE")));

        Map<String, Object> swapped = as("admin").post().uri("/admin/projections/units/rebuild?swap=true").exchange()
                                                 .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(swapped.get("equal")).isEqualTo(false);
        assertThat(swapped.get("swapped")).isEqualTo(true);
        as("auditor").get().uri("/units/{id}", ids[2]).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.kind").isEqualTo("COMMUNE");
        String later = fresh("xa");
        register(later, "COMMUNE", ids[1], "2020-01-01");
        as("auditor").get().uri("/units/{id}/children", ids[1]).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(2);
        Map<String, Object> again = as("admin").post().uri("/admin/projections/units/rebuild").exchange()
                                               .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(again.get("equal")).as("%s", again.get("differences")).isEqualTo(true);
    }

    @Test
    void onlyAdministratorsRebuildAndUnknownProjectionsAreNotFound() {
        as("auditor").post().uri("/admin/projections/units/rebuild").exchange().expectStatus().isForbidden();
        as("viewer").get().uri("/admin/projections").exchange().expectStatus().isForbidden();
        as("admin").post().uri("/admin/projections/nope/rebuild").exchange().expectStatus().isNotFound();
    }
}
