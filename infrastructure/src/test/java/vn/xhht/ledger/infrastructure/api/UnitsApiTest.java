package vn.xhht.ledger.infrastructure.api;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UnitsApiTest extends ApiTest {

    @Test
    void anAdminRegistersAProvinceADistrictAndACommuneAndSeesThemAsATree() {
        String[] ids = provinceDistrictCommune();
        as("auditor").get().uri("/units/{id}", ids[2]).exchange()
                     .expectStatus().isOk()
                     .expectHeader().valueEquals("ETag", "\"0\"")
                     .expectBody()
                     .jsonPath("$.id").isEqualTo(ids[2])
                     .jsonPath("$.kind").isEqualTo("COMMUNE")
                     .jsonPath("$.parentId").isEqualTo(ids[1])
                     .jsonPath("$.version").isEqualTo(0);
        as("auditor").get().uri("/units/{id}/children", ids[0]).exchange()
                     .expectStatus().isOk()
                     .expectBody()
                     .jsonPath("$.items.length()").isEqualTo(1)
                     .jsonPath("$.items[0].id").isEqualTo(ids[1]);
    }

    @Test
    void aSecondUnitWithTheSameIdIsAConflict() {
        String province = fresh("tinh");
        register(province, "PROVINCE", null, "2020-01-01");
        as("admin").post().uri("/units")
                   .bodyValue(Map.of("id", province, "name", "again", "kind", "PROVINCE", "validFrom", "2021-01-01"))
                   .exchange()
                   .expectStatus().isEqualTo(409)
                   .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                   .expectBody().jsonPath("$.code").isEqualTo("DUPLICATE_ID");
    }

    @Test
    void childrenOnADateShowTheTreeAsItStoodThenEvenWhenTheMoveWasRecordedLater() {
        String[] ids = provinceDistrictCommune();
        String otherDistrict = fresh("huyen");
        register(otherDistrict, "DISTRICT", ids[0], "2020-01-01");
        as("admin").post().uri("/units/{id}/move", ids[2])
                   .bodyValue(Map.of("parentId", otherDistrict, "validFrom", "2025-07-01",
                                     "reason", "Sắp xếp đơn vị hành chính 2025"))
                   .exchange().expectStatus().isOk()
                   .expectBody().jsonPath("$.parentId").isEqualTo(otherDistrict).jsonPath("$.version").isEqualTo(1);

        childIds(ids[1], "2025-06-30").jsonPath("$.items[0].id").isEqualTo(ids[2]);
        childIds(ids[1], "2025-07-01").jsonPath("$.items.length()").isEqualTo(0);
        childIds(otherDistrict, "2025-07-01").jsonPath("$.items[0].id").isEqualTo(ids[2]);
        childIds(otherDistrict, "2025-06-30").jsonPath("$.items.length()").isEqualTo(0);
        as("auditor").get().uri("/units/{id}?on=2024-12-31", ids[2]).exchange()
                     .expectBody().jsonPath("$.parentId").isEqualTo(ids[1]);
    }

    @Test
    void aMergedCommuneStaysUnderItsOldDistrictBeforeTheMergeAndDisappearsAfterIt() {
        String[] ids = provinceDistrictCommune();
        String neighbour = fresh("xa");
        register(neighbour, "COMMUNE", ids[1], "2020-01-01");
        as("admin").post().uri("/units/{id}/merge", ids[2])
                   .bodyValue(Map.of("intoId", neighbour, "validFrom", "2025-07-01", "reason", "Nghị quyết sáp nhập"))
                   .exchange().expectStatus().isOk()
                   .expectBody().jsonPath("$.validTo").isEqualTo("2025-07-01").jsonPath("$.mergedInto").isEqualTo(neighbour);

        childIds(ids[1], "2025-06-30").jsonPath("$.items.length()").isEqualTo(2);
        childIds(ids[1], "2025-07-01").jsonPath("$.items.length()").isEqualTo(1)
                                      .jsonPath("$.items[0].id").isEqualTo(neighbour);
        childIds(ids[1], null).jsonPath("$.items.length()").isEqualTo(1);
        as("auditor").get().uri("/units/{id}", ids[2]).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.mergedInto").isEqualTo(neighbour);
    }

    @Test
    void aMergedCommunesVillagesMoveUnderTheCommuneItJoinedFromTheMergeDate() {
        String[] ids = provinceDistrictCommune();
        String neighbour = fresh("xa");
        String village = fresh("thon");
        String movedAwayBefore = fresh("thon");
        String last = fresh("xa");
        register(neighbour, "COMMUNE", ids[1], "2020-01-01");
        register(last, "COMMUNE", ids[1], "2020-01-01");
        merge(neighbour, last, "2026-01-01"); // recorded first, dated after the merge below
        register(village, "VILLAGE", ids[2], "2020-01-01");
        register(movedAwayBefore, "VILLAGE", ids[2], "2020-01-01");
        move(movedAwayBefore, neighbour, "2024-01-01");
        merge(ids[2], neighbour, "2025-07-01");

        // moved in the merge's own commit: the unit view shows them with the merge, or within its batch
        eventually(() -> childIds(neighbour, "2025-07-01").jsonPath("$.items[*].id").value(
                (List<String> children) -> assertThat(children).containsExactlyInAnyOrder(village, movedAwayBefore)));
        childIds(ids[2], "2025-06-30").jsonPath("$.items[*].id").value(
                (List<String> children) -> assertThat(children).as("the old hierarchy stays true").containsExactly(village));
        parentOn(village, "2025-06-30").isEqualTo(ids[2]);
        parentOn(village, "2025-07-01").isEqualTo(neighbour);
        parentOn(village, "2026-01-01").isEqualTo(last); // and on through the later merge of the commune it joined
        as("auditor").get().uri("/audit/events?aggregateId={v}&type=UnitMovedEvent", village).exchange()
                     .expectStatus().isOk().expectBody()
                     .jsonPath("$.items[*].actor").value((List<String> actors) -> assertThat(actors).containsOnly("admin"))
                     .jsonPath("$.items[*].reason").value((List<String> reasons) -> assertThat(reasons)
                             .containsOnly("Nghị quyết sáp nhập"))
                     .jsonPath("$.items[*].payload.reason").value((List<String> reasons) -> assertThat(reasons)
                             .containsExactlyInAnyOrder("Theo sáp nhập " + ids[2] + " vào " + neighbour + " từ 2025-07-01",
                                                        "Theo sáp nhập " + neighbour + " vào " + last + " từ 2026-01-01"));
        parentOn(movedAwayBefore, "2023-12-31").isEqualTo(ids[2]);

        // recorded after the merge but dated before it: the village follows the merge too
        String recordedLater = fresh("thon");
        register(recordedLater, "VILLAGE", ids[2], "2024-03-01");
        parentOn(recordedLater, "2025-06-30").isEqualTo(ids[2]);
        parentOn(recordedLater, "2025-07-01").isEqualTo(neighbour);
        parentOn(recordedLater, "2026-01-01").isEqualTo(last);
        // and so does one moved under it afterwards with an earlier date
        String movedLater = fresh("thon");
        register(movedLater, "VILLAGE", neighbour, "2020-01-01");
        move(movedLater, ids[2], "2025-01-01");
        parentOn(movedLater, "2025-01-01").isEqualTo(ids[2]);
        parentOn(movedLater, "2025-07-01").isEqualTo(neighbour);
        childIds(neighbour, "2025-07-01").jsonPath("$.items.length()").isEqualTo(4);
    }

    private void move(String unit, String parent, String from) {
        as("admin").post().uri("/units/{id}/move", unit)
                   .bodyValue(Map.of("parentId", parent, "validFrom", from, "reason", "Điều chỉnh địa giới"))
                   .exchange().expectStatus().isOk();
    }

    private void merge(String unit, String into, String from) {
        as("admin").post().uri("/units/{id}/merge", unit)
                   .bodyValue(Map.of("intoId", into, "validFrom", from, "reason", "Nghị quyết sáp nhập"))
                   .exchange().expectStatus().isOk();
    }

    /** The assertion passes within five seconds. */
    private static void eventually(Runnable assertion) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.onSpinWait();
            }
        }
    }

    private org.springframework.test.web.reactive.server.JsonPathAssertions parentOn(String unit, String on) {
        return as("auditor").get().uri("/units/{id}?on={on}", unit, on).exchange().expectStatus().isOk()
                            .expectBody().jsonPath("$.parentId");
    }

    @Test
    void aRenameTakesEffectFromItsDateOnly() {
        String[] ids = provinceDistrictCommune();
        as("admin").post().uri("/units/{id}/rename", ids[2])
                   .bodyValue(Map.of("name", "Phường Tân Thông Hội", "validFrom", "2024-01-01", "reason", "Lên phường"))
                   .exchange().expectStatus().isOk();
        as("auditor").get().uri("/units/{id}?on=2023-12-31", ids[2]).exchange()
                     .expectBody().jsonPath("$.name").isEqualTo("Đơn vị " + ids[2]);
        as("auditor").get().uri("/units/{id}?on=2024-01-01", ids[2]).exchange()
                     .expectBody().jsonPath("$.name").isEqualTo("Phường Tân Thông Hội");
    }



    @Test
    void aStaleIfMatchIsRefusedAndChangesNothing() {
        String[] ids = provinceDistrictCommune();
        as("admin").post().uri("/units/{id}/rename", ids[2]).header("If-Match", "\"0\"")
                   .bodyValue(Map.of("name", "Tên mới", "validFrom", "2024-01-01", "reason", "r"))
                   .exchange().expectStatus().isOk();
        as("admin").post().uri("/units/{id}/rename", ids[2]).header("If-Match", "\"0\"")
                   .bodyValue(Map.of("name", "Tên khác", "validFrom", "2024-01-01", "reason", "r"))
                   .exchange().expectStatus().isEqualTo(409)
                   .expectBody().jsonPath("$.code").isEqualTo("STALE_VERSION");
        as("auditor").get().uri("/units/{id}?on=2024-06-01", ids[2]).exchange()
                     .expectBody().jsonPath("$.name").isEqualTo("Tên mới").jsonPath("$.version").isEqualTo(1);
    }

    @Test
    void unitsOutsideAViewersScopeAreForbiddenAndUnknownUnitsAreNotFound() {
        String[] ids = provinceDistrictCommune();
        as("viewer").get().uri("/units/{id}", ids[0]).exchange()
                    .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("NOT_IN_SCOPE");
        as("auditor").get().uri("/units/no-such-unit").exchange()
                     .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("UNIT_NOT_FOUND");
        as("auditor").get().uri("/units/{id}?on=2019-12-31", ids[0]).exchange()
                     .expectStatus().isNotFound();
        as("admin").post().uri("/units/no-such-unit/rename")
                   .bodyValue(Map.of("name", "Tên", "validFrom", "2024-01-01", "reason", "Đổi tên")).exchange()
                   .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("UNIT_NOT_FOUND");
        as("auditor").get().uri("/units/Bad$Id").exchange()
                     .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void childrenAsOfAnInstantBeforeTheUnitWasRecordedAreNotFound() {
        String[] ids = provinceDistrictCommune();
        as("auditor").get().uri("/units/{id}/children?asOf=2024-01-01T00:00:00Z", ids[1]).exchange()
                     .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("UNIT_NOT_FOUND");
    }

    @Test
    void onlyAnAdminManagesUnits() {
        as("planner").post().uri("/units")
                     .bodyValue(Map.of("id", fresh("tinh"), "name", "x", "kind", "PROVINCE", "validFrom", "2020-01-01"))
                     .exchange().expectStatus().isForbidden()
                     .expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN_ROLE");
    }

    @Test
    void aDistrictEndsWithThe2025ReformOnceItsCommunesMovedUnderTheProvinceAndKeepsItsHistory() {
        String province = fresh("tinh");
        String district = fresh("huyen");
        String a = fresh("xa");
        String b = fresh("xa");
        register(province, "PROVINCE", null, "2020-01-01");
        register(district, "DISTRICT", province, "2020-01-01");
        register(a, "COMMUNE", district, "2020-01-01");
        register(b, "COMMUNE", district, "2020-01-01");
        java.util.Map<String, Object> dissolve = java.util.Map.of("validFrom", "2025-07-01",
                                                                  "reason", "Kết thúc hoạt động cấp huyện (Luật Tổ chức CQĐP 2025)");

        as("admin").post().uri("/units/{id}/dissolve", district).bodyValue(dissolve).exchange()
                   .expectStatus().isEqualTo(422).expectBody()
                   .jsonPath("$.code").isEqualTo("UNIT_HAS_CHILDREN")
                   .jsonPath("$.detail").value(d -> org.assertj.core.api.Assertions.assertThat((String) d).contains(a).contains(b));
        for (String commune : java.util.List.of(a, b)) {
            as("admin").post().uri("/units/{id}/move", commune)
                       .bodyValue(java.util.Map.of("parentId", province, "validFrom", "2025-07-01", "reason", "Sắp xếp 2025"))
                       .exchange().expectStatus().isOk();
        }
        as("planner").post().uri("/units/{id}/dissolve", district).bodyValue(dissolve).exchange().expectStatus().isForbidden();
        as("admin").post().uri("/units/{id}/dissolve", district).bodyValue(java.util.Map.of("validFrom", "2025-07-01"))
                   .exchange().expectStatus().isBadRequest();
        as("admin").post().uri("/units/{id}/dissolve", district).bodyValue(dissolve).exchange()
                   .expectStatus().isOk().expectBody().jsonPath("$.validTo").isEqualTo("2025-07-01")
                   .jsonPath("$.mergedInto").doesNotExist();

        childIds(province, "2025-06-30").jsonPath("$.items[*].id").value(ids ->
                org.assertj.core.api.Assertions.assertThat((java.util.List<String>) ids).containsExactly(district));
        childIds(province, "2025-07-15").jsonPath("$.items[*].id").value(ids ->
                org.assertj.core.api.Assertions.assertThat((java.util.List<String>) ids).containsExactlyInAnyOrder(a, b));
        as("auditor").get().uri("/units/{id}?on=2025-08-01", district).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.validTo").isEqualTo("2025-07-01");
        // nothing is placed under it from that day; its history says why it ended
        as("admin").post().uri("/units").bodyValue(java.util.Map.of("id", fresh("xa"), "name", "Xã mới", "kind", "COMMUNE",
                                                                    "parentId", district, "validFrom", "2025-07-01"))
                   .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("UNKNOWN_UNIT");
        as("auditor").get().uri("/units/{id}/history", district).exchange().expectStatus().isOk().expectBody()
                     .jsonPath("$.items[0].vi").value(v -> org.assertj.core.api.Assertions.assertThat((String) v)
                             .startsWith("admin giải thể " + district + " từ 2025-07-01"));
        as("admin").post().uri("/units/{id}/dissolve", district).bodyValue(dissolve).exchange()
                   .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("UNIT_DISSOLVED");
    }

    private org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec childIds(String unit, String on) {
        return as("auditor").get().uri(on == null ? "/units/" + unit + "/children" : "/units/" + unit + "/children?on=" + on)
                            .exchange().expectStatus().isOk().expectBody();
    }
}
