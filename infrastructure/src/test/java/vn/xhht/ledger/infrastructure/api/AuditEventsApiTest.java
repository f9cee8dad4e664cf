package vn.xhht.ledger.infrastructure.api;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /audit/events} as an inspection team uses it: who did each step to a plan, why, and the before → after of
 * what it changed; the district's indicators just before the amendment differ from now by exactly that target.
 */
class AuditEventsApiTest extends ApiTest {

    @Test
    void aPlansAmendmentAndCloseShowWhoWhyAndTheTargetBeforeAndAfter() {
        String district = provinceDistrictCommune()[1];
        String plan = createIssued(district);
        as("planner").post().uri("/plans/{id}/amend", plan)
                     .bodyValue(Map.of("targets", List.of(Map.of("indicator", "HOUSEHOLDS_TITLED", "target", 0.60)),
                                       "reason", "Theo chỉ đạo của UBND thành phố"))
                     .exchange().expectStatus().isOk();
        as("planner").post().uri("/plans/{id}/close", plan).bodyValue(Map.of("reason", "Chốt số liệu năm 2023"))
                     .exchange().expectStatus().isOk();

        List<Map<String, Object>> items = events("aggregateId=" + plan);

        assertThat(items).extracting(i -> i.get("type"))
                         .containsExactly("PlanDraftedEvent", "PlanIssuedEvent", "PlanReportersResolvedEvent",
                                          "PlanAmendedEvent", "PlanClosedEvent");
        assertThat(items).allSatisfy(i -> assertThat(i.get("actor")).isEqualTo("planner"));
        Map<String, Object> amended = items.get(3);
        assertThat(amended.get("reason")).isEqualTo("Theo chỉ đạo của UBND thành phố");
        assertThat(amended.get("correlationId")).isNotNull();
        assertThat(changes(amended)).containsExactly(
                Map.of("field", "targets[HOUSEHOLDS_TITLED].target", "before", 0.55, "after", 0.6));
        assertThat(items.get(4).get("reason")).isEqualTo("Chốt số liệu năm 2023");
        assertThat(changes(items.get(1))).as("issuing changes no recorded field").isEmpty();

        Instant amendedAt = Instant.parse((String) amended.get("timestamp"));
        assertThat(target(district, null)).isEqualByComparingTo("0.60");
        assertThat(target(district, amendedAt.minusNanos(1))).isEqualByComparingTo("0.55");
        assertThat(target(district, amendedAt)).isEqualByComparingTo("0.60");
    }

    @Test
    void aMoveShowsTheParentBeforeAndAfterAndFiltersAndPagesNarrowTheLog() {
        String[] ids = provinceDistrictCommune();
        String otherDistrict = fresh("huyen");
        register(otherDistrict, "DISTRICT", ids[0], "2020-01-01");
        as("admin").post().uri("/units/{id}/move", ids[2])
                   .bodyValue(Map.of("parentId", otherDistrict, "validFrom", "2025-07-01", "reason", "Sắp xếp 2025"))
                   .exchange().expectStatus().isOk();

        List<Map<String, Object>> moves = events("aggregateId=" + ids[2] + "&type=UnitMovedEvent&actor=admin");

        assertThat(moves).hasSize(1);
        assertThat(changes(moves.get(0))).contains(Map.of("field", "parentId", "before", ids[1], "after", otherDistrict));
        assertThat(events("aggregateId=" + ids[2] + "&actor=planner")).isEmpty();

        List<Object> paged = new ArrayList<>();
        String cursor = null;
        do {
            Map<?, ?> page = as("auditor").get().uri("/audit/events?aggregateId=" + ids[2] + "&limit=1"
                                                             + (cursor == null ? "" : "&cursor=" + cursor))
                                          .exchange().expectStatus().isOk().expectBody(Map.class).returnResult()
                                          .getResponseBody();
            ((List<?>) page.get("items")).forEach(i -> paged.add(((Map<?, ?>) i).get("position")));
            cursor = (String) page.get("next");
        } while (cursor != null);
        assertThat(paged).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void theLogOfAUnitsSubtreeHoldsItsUnitsAndWhatNamesThemAndNothingOfAnotherSubtree() {
        String[] ids = provinceDistrictCommune();
        String[] elsewhere = provinceDistrictCommune();
        String plan = createIssued(ids[1]);
        createIssued(elsewhere[1]);

        List<Map<String, Object>> district = events("unitId=" + ids[1]);
        assertThat(district).extracting(e -> e.get("aggregateId"))
                            .contains(ids[1], ids[2], plan)
                            .doesNotContain(ids[0], elsewhere[1], elsewhere[2]);
        assertThat(events("unitId=" + ids[1] + "&type=PlanIssuedEvent")).extracting(e -> e.get("aggregateId"))
                                                                        .containsExactly(plan);

        String export = as("auditor").get().uri("/audit/export?unitId=" + ids[1]).exchange().expectStatus().isOk()
                                     .expectBody(String.class).returnResult().getResponseBody();
        assertThat(export).contains("\"" + ids[2] + "\"", plan).doesNotContain(elsewhere[1]);
        as("auditor").get().uri("/audit/events?unitId={u}", "a/b").exchange().expectStatus().isBadRequest();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDistrictsLogKeepsTheCommunesThatLeftItAndNotWhatJoinedThemAfterwards() {
        String[] ids = provinceDistrictCommune();
        String district = ids[1];
        String moved = ids[2];
        String merged = fresh("xa");
        String otherDistrict = fresh("huyen");
        String otherCommune = fresh("xa");
        String oldVillage = fresh("thon");
        String laterVillage = fresh("thon");
        register(merged, "COMMUNE", district, "2020-01-01");
        register(otherDistrict, "DISTRICT", ids[0], "2020-01-01");
        register(otherCommune, "COMMUNE", otherDistrict, "2020-01-01");
        register(oldVillage, "VILLAGE", moved, "2020-01-01");
        as("admin").post().uri("/units/{id}/move", moved)
                   .bodyValue(Map.of("parentId", otherDistrict, "validFrom", "2025-07-01", "reason", "Sắp xếp 2025"))
                   .exchange().expectStatus().isOk();
        as("admin").post().uri("/units/{id}/merge", merged)
                   .bodyValue(Map.of("intoId", otherCommune, "validFrom", "2025-07-01", "reason", "Sáp nhập xã"))
                   .exchange().expectStatus().isOk();
        register(laterVillage, "VILLAGE", moved, "2026-01-01");

        assertThat(events("unitId=" + district)).extracting(e -> e.get("aggregateId"))
                .as("every unit that was ever in the district, with its move or merge out")
                .contains(district, moved, merged, oldVillage)
                .doesNotContain(laterVillage, otherDistrict, otherCommune);
        assertThat(events("unitId=" + district + "&type=UnitMergedEvent")).extracting(e -> e.get("aggregateId"))
                                                                          .containsExactly(merged);
        assertThat(events("unitId=" + district + "&on=2025-06-30")).extracting(e -> e.get("aggregateId"))
                                                                   .contains(moved, merged, oldVillage);
        assertThat(events("unitId=" + district + "&on=2025-07-01")).extracting(e -> e.get("aggregateId"))
                                                                   .contains(district)
                                                                   .doesNotContain(moved, merged, oldVillage);
        assertThat(events("unitId=" + otherDistrict)).extracting(e -> e.get("aggregateId"))
                .contains(moved, oldVillage, laterVillage, otherCommune)
                .as("the commune merged in names the one it joined: its events concern that commune")
                .contains(merged);
        String export = as("auditor").get().uri("/audit/export?unitId=" + district).exchange().expectStatus().isOk()
                                     .expectBody(String.class).returnResult().getResponseBody();
        assertThat(export).contains("\"" + merged + "\"", "\"" + oldVillage + "\"").doesNotContain(laterVillage);

        Map<String, Object> history = as("auditor").get().uri("/units/{id}/history", district).exchange()
                                                   .expectStatus().isOk().expectBody(Map.class).returnResult()
                                                   .getResponseBody();
        assertThat((List<Map<String, Object>>) history.get("items"))
                .extracting(e -> ((Map<String, Object>) e.get("event")).get("aggregateId"))
                .contains(moved, merged, oldVillage).doesNotContain(laterVillage);
        as("auditor").get().uri("/audit/events?unitId={u}&on={on}", district, "2025-02-30").exchange()
                     .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLogAndHistoryAsOfAnInstantHoldWhatWasRecordedByThenAboutTheSubtreeAsKnownThen() {
        String[] ids = provinceDistrictCommune();
        String district = ids[1];
        String otherDistrict = fresh("huyen");
        String newcomer = fresh("xa");
        register(otherDistrict, "DISTRICT", ids[0], "2020-01-01");
        register(newcomer, "COMMUNE", otherDistrict, "2020-01-01");
        rename(ids[2], "Xã Trước");
        Instant before = Instant.now();
        // recorded later, valid since 2021: today the newcomer has been in the district for years
        as("admin").post().uri("/units/{id}/move", newcomer)
                   .bodyValue(Map.of("parentId", district, "validFrom", "2021-01-01", "reason", "Điều chỉnh địa giới"))
                   .exchange().expectStatus().isOk();
        rename(ids[2], "Xã Sau");

        List<Map<String, Object>> then = events("unitId=" + district + "&asOf=" + before);
        assertThat(then).extracting(e -> e.get("aggregateId")).contains(district, ids[2]).doesNotContain(newcomer);
        assertThat(then).extracting(e -> e.get("type")).containsOnly("UnitRegisteredEvent", "UnitRenamedEvent");
        assertThat(then).filteredOn(e -> e.get("type").equals("UnitRenamedEvent")).hasSize(1);
        assertThat(events("unitId=" + district)).extracting(e -> e.get("aggregateId")).contains(newcomer);
        assertThat(events("aggregateId=" + ids[2] + "&asOf=" + before)).hasSize(2);

        Map<String, Object> history = as("auditor").get().uri("/units/{id}/history?asOf={t}", district, before)
                                                   .exchange().expectStatus().isOk().expectBody(Map.class)
                                                   .returnResult().getResponseBody();
        List<Map<String, Object>> entries = (List<Map<String, Object>>) history.get("items");
        assertThat((String) entries.get(0).get("en")).contains("renamed", "Xã Trước");
        assertThat(entries).extracting(e -> ((Map<String, Object>) e.get("event")).get("aggregateId"))
                           .doesNotContain(newcomer);
        as("auditor").get().uri("/units/{id}/history?asOf={t}", district, "yesterday").exchange()
                     .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("asOf");
    }

    private void rename(String unit, String name) {
        as("admin").post().uri("/units/{id}/rename", unit)
                   .bodyValue(Map.of("name", name, "validFrom", "2024-01-01", "reason", "Nghị quyết"))
                   .exchange().expectStatus().isOk();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aUnitsHistoryTellsWhatHappenedToItAndItsSubtreeNewestFirstInBothLanguages() {
        String[] ids = provinceDistrictCommune();
        String plan = createIssued(ids[1]);
        as("admin").post().uri("/units/{id}/rename", ids[2])
                   .bodyValue(Map.of("name", "Xã Tân Phú Trung", "validFrom", "2024-01-01", "reason", "Nghị quyết"))
                   .exchange().expectStatus().isOk();

        Map<String, Object> page = as("auditor").get().uri("/units/{id}/history", ids[1]).exchange()
                                                .expectStatus().isOk().expectBody(Map.class).returnResult()
                                                .getResponseBody();
        List<Map<String, Object>> entries = (List<Map<String, Object>>) page.get("items");

        // the commune's obligation (opened by the issue, overdue at once: its deadline is long past) is left aside:
        // when the overdue mark lands against the rename is the deadline manager's timing
        entries = entries.stream().filter(e -> !String.valueOf(((Map<String, Object>) e.get("event")).get("type"))
                                                      .startsWith("Obligation")).toList();
        assertThat(entries).extracting(e -> ((Map<String, Object>) e.get("event")).get("type"))
                           .containsExactly("UnitRenamedEvent", "PlanReportersResolvedEvent", "PlanIssuedEvent",
                                            "PlanDraftedEvent", "UnitRegisteredEvent", "UnitRegisteredEvent");
        assertThat((String) entries.get(0).get("vi")).isEqualTo("admin đổi tên Đơn vị " + ids[2]
                                                                 + " thành Xã Tân Phú Trung từ 2024-01-01");
        assertThat((String) entries.get(0).get("en")).startsWith("admin renamed Đơn vị " + ids[2]);
        assertThat(entries.get(2).get("en")).isEqualTo("planner issued plan " + plan);
        assertThat(entries.get(1).get("vi")).isEqualTo("planner giao báo cáo kế hoạch " + plan + " cho 1 đơn vị trực thuộc "
                                                       + ids[1]);
        assertThat(((List<Object>) ((Map<String, Object>) entries.get(0).get("event")).get("changes"))).isNotEmpty();
        as("viewer").get().uri("/units/{id}/history", ids[1]).exchange().expectStatus().isForbidden()
                    .expectBody().jsonPath("$.code").isEqualTo("NOT_IN_SCOPE");
        as("auditor").get().uri("/units/{id}/history", "no-such-unit").exchange().expectStatus().isNotFound();
    }

    @Test
    void onlyAuditorsAndAdministratorsReadTheLogAndBadFiltersAreRefused() {
        as("viewer").get().uri("/audit/events").exchange().expectStatus().isForbidden();
        as("admin").get().uri("/audit/events?limit=1").exchange().expectStatus().isOk();
        as("auditor").get().uri("/audit/events?limit=0").exchange().expectStatus().isBadRequest()
                     .expectHeader().contentType("application/problem+json");
        as("auditor").get().uri("/audit/events?cursor=abc").exchange().expectStatus().isBadRequest();
        as("auditor").get().uri("/audit/events?actor={a}", "{\"$ne\":null}").exchange().expectStatus().isBadRequest();
        as("auditor").get().uri("/audit/events?from=2023-02-30T00:00:00Z").exchange().expectStatus().isBadRequest();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> events(String query) {
        Map<String, Object> page = as("auditor").get().uri("/audit/events?" + query).exchange().expectStatus().isOk()
                                                .expectBody(Map.class).returnResult().getResponseBody();
        return (List<Map<String, Object>>) page.get("items");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> changes(Map<String, Object> item) {
        return (List<Map<String, Object>>) item.get("changes");
    }

    /** The district's household target as of an instant, or now once the view shows the amendment (within 10 s). */
    @SuppressWarnings("unchecked")
    private BigDecimal target(String district, Instant asOf) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        BigDecimal target;
        do {
            Map<String, Object> table = as("auditor").get()
                    .uri("/indicators?unitId=" + district + "&year=2023" + (asOf == null ? "" : "&asOf=" + asOf))
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            Object value = ((List<Map<String, Object>>) table.get("items")).stream()
                    .filter(row -> row.get("indicator").equals("HOUSEHOLDS_TITLED")).findFirst().orElseThrow()
                    .get("target");
            target = value == null ? null : new BigDecimal(value.toString());
            if (asOf != null || (target != null && target.compareTo(new BigDecimal("0.60")) == 0)) {
                return target;
            }
        } while (System.nanoTime() < deadline);
        return target;
    }
}
