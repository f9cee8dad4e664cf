package vn.xhht.ledger.infrastructure.api;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.Map;

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
    void aUnitCannotBeMovedUnderItsOwnDescendant() {
        String[] ids = provinceDistrictCommune();
        as("admin").post().uri("/units/{id}/move", ids[1])
                   .bodyValue(Map.of("parentId", ids[2], "validFrom", "2024-01-01", "reason", "oops"))
                   .exchange().expectStatus().isEqualTo(422)
                   .expectBody().jsonPath("$.code").isEqualTo("INVALID_HIERARCHY");
    }

    @Test
    void aCommuneNeedsAnExistingParentOfTheRightKind() {
        as("admin").post().uri("/units")
                   .bodyValue(Map.of("id", fresh("xa"), "name", "x", "kind", "COMMUNE", "parentId", "no-such-unit",
                                     "validFrom", "2020-01-01"))
                   .exchange().expectStatus().isEqualTo(422)
                   .expectBody().jsonPath("$.code").isEqualTo("UNKNOWN_UNIT").jsonPath("$.errors[0].field").isEqualTo("parentId");
        String[] ids = provinceDistrictCommune();
        as("admin").post().uri("/units")
                   .bodyValue(Map.of("id", fresh("thon"), "name", "x", "kind", "VILLAGE", "parentId", ids[1],
                                     "validFrom", "2020-01-01"))
                   .exchange().expectStatus().isEqualTo(422)
                   .expectBody().jsonPath("$.code").isEqualTo("INVALID_HIERARCHY");
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

    private org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec childIds(String unit, String on) {
        return as("auditor").get().uri(on == null ? "/units/" + unit + "/children" : "/units/" + unit + "/children?on=" + on)
                            .exchange().expectStatus().isOk().expectBody();
    }
}
