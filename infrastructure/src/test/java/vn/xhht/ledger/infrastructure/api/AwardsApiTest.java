package vn.xhht.ledger.infrastructure.api;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Emulation awards as the people of seed 001 use them: a Phòng GDĐT's nomination goes from draft to award — refused
 * while it is not a Learning Unit, then checked, reviewed by the council, decided — with every step and its actor
 * kept; a second award for the same occasion is refused; a nominated teacher's name is sealed, read only by those who
 * decide and by auditors, and forgotten on request while the log still verifies.
 */
class AwardsApiTest extends ApiTest {

    private static Map<String, Object> nomination(String form, Map<String, Object> subject, String proposer) {
        Map<String, Object> body = new HashMap<>();
        body.put("movement", "PT-1315-2023");
        body.put("phase", "GD1_2023_2025");
        body.put("occasion", "HANG_NAM");
        body.put("year", 2025);
        body.put("form", form);
        body.put("subject", subject);
        body.put("achievements", "Tham mưu ban hành kế hoạch xây dựng xã hội học tập năm 2025; 12 sáng kiến");
        body.put("proposedByUnitId", proposer);
        return body;
    }

    @SuppressWarnings("unchecked")
    private String draft(String user, Map<String, Object> body) {
        Map<String, Object> created = as(user).post().uri("/award-nominations").bodyValue(body).exchange()
                                              .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(created).containsEntry("state", "DRAFT");
        return (String) created.get("id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPhongGddtNominationGoesFromDraftToAwardWithEveryStepKept() {
        String[] ids = provinceDistrictCommune();
        String office = fresh("phong-gddt");
        register(office, "ORGANISATION", ids[1], "2020-01-01");
        waitForMovement();
        String id = draft("planner", nomination("GIAY_KHEN", Map.of("kind", "TAP_THE", "unitId", office), office));

        // not yet a Learning Unit (Đơn vị học tập): the criterion is named
        as("planner").post().uri("/award-nominations/{id}/submit", id).bodyValue(Map.of()).exchange()
                     .expectStatus().isEqualTo(422).expectBody()
                     .jsonPath("$.code").isEqualTo("CRITERIA_NOT_MET")
                     .jsonPath("$.errors[0].field").isEqualTo("criteria.DVHT_HUYEN");
        as("recognizer").post().uri("/recognitions")
                        .bodyValue(Map.of("title", "DON_VI_HOC_TAP", "subjectUnitId", office, "year", 2025, "level", "MUC_DO_1",
                                          "decisionNumber", "88/QĐ-UBND", "decidedOn", "2025-06-02"))
                        .exchange().expectStatus().isCreated();

        Map<String, Object> submitted = as("planner").post().uri("/award-nominations/{id}/submit", id).bodyValue(Map.of())
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(submitted).containsEntry("state", "SUBMITTED");
        // after 1/7/2025 no district decides a Giấy khen: the province does
        assertThat(submitted).containsEntry("decidingUnitId", ids[0]);
        assertThat((List<Map<String, Object>>) ((Map<String, Object>) submitted.get("criteria")).get("checks"))
                .anySatisfy(check -> assertThat(check).containsEntry("code", "DVHT_HUYEN").containsEntry("met", true));

        as("planner").post().uri("/award-nominations/{id}/decide", id)
                     .bodyValue(Map.of("decision", "AWARDED", "decisionNumber", "1/QĐ", "decidedOn", "2026-01-05"))
                     .exchange().expectStatus().isForbidden();
        as("recognizer").post().uri("/award-nominations/{id}/decide", id)
                        .bodyValue(Map.of("decision", "AWARDED", "decisionNumber", "1/QĐ", "decidedOn", "2026-01-05"))
                        .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("INVALID_TRANSITION");
        as("reviewer").post().uri("/award-nominations/{id}/council-review", id)
                      .bodyValue(Map.of("recommendation", "PROPOSE", "reason", "Hội đồng TĐKT thành phố thống nhất đề nghị"))
                      .exchange().expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("COUNCIL_REVIEWED");
        as("recognizer").post().uri("/award-nominations/{id}/decide", id)
                        .bodyValue(Map.of("decision", "AWARDED", "decisionNumber", "125/QĐ-UBND", "decidedOn", "2026-01-05"))
                        .exchange().expectStatus().isOk().expectBody()
                        .jsonPath("$.state").isEqualTo("DECIDED")
                        .jsonPath("$.decision.decisionNumber").isEqualTo("125/QĐ-UBND")
                        .jsonPath("$.steps.length()").isEqualTo(4)
                        .jsonPath("$.steps[0].actor").isEqualTo("planner")
                        .jsonPath("$.steps[2].actor").isEqualTo("reviewer")
                        .jsonPath("$.steps[3].action").isEqualTo("DECIDED_AWARDED")
                        .jsonPath("$.steps[3].actor").isEqualTo("recognizer");

        // one achievement, one award: the same office for the same occasion, even in another form
        String second = draft("planner", nomination("BANG_KHEN_CT_UBND_TINH", Map.of("kind", "TAP_THE", "unitId", office), office));
        as("planner").post().uri("/award-nominations/{id}/submit", second).bodyValue(Map.of()).exchange()
                     .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("DUPLICATE_AWARD");

        as("auditor").get().uri("/units/{id}/awards?phase=GD1_2023_2025", office).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(1).jsonPath("$.items[0].id").isEqualTo(id)
                     .jsonPath("$.items[0].form").isEqualTo("GIAY_KHEN");
        as("auditor").get().uri("/award-nominations?unitId={u}&movement=PT-1315-2023", office).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(2);
        as("auditor").get().uri("/units/{id}/history", office).exchange().expectStatus().isOk().expectBody(String.class)
                     .value(history -> assertThat(history).contains("quyết định khen thưởng GIAY_KHEN")
                                                          .contains("Hội đồng TĐKT"));

        // a revoked award frees the occasion
        as("recognizer").post().uri("/award-nominations/{id}/revoke", id).bodyValue(Map.of("reason", "Hồ sơ không trung thực"))
                        .exchange().expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("REVOKED");
        as("planner").post().uri("/award-nominations/{id}/submit", second).bodyValue(Map.of()).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("SUBMITTED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNominatedTeachersNameIsReadOnlyByDecidersAndAuditorsAndForgottenOnRequest() {
        String[] ids = provinceDistrictCommune();
        waitForMovement();
        String name = "Nguyễn Thị Hoa " + fresh("gv");
        String id = draft("planner", nomination("GIAY_KHEN", Map.of("kind", "CA_NHAN", "unitId", ids[2], "name", name,
                                                                     "position", "Giáo viên Trường Tiểu học Lập Lễ"), ids[2]));

        as("planner").get().uri("/award-nominations/{id}", id).exchange().expectStatus().isOk().expectBody()
                     .jsonPath("$.subject.personalData").isEqualTo("HIDDEN")
                     .jsonPath("$.subject.name").doesNotExist();
        as("recognizer").get().uri("/award-nominations/{id}", id).exchange().expectStatus().isOk().expectBody()
                        .jsonPath("$.subject.personalData").isEqualTo("SHOWN")
                        .jsonPath("$.subject.name").isEqualTo(name)
                        .jsonPath("$.subject.position").isEqualTo("Giáo viên Trường Tiểu học Lập Lễ");
        as("auditor").get().uri("/award-nominations/{id}", id).exchange().expectBody()
                     .jsonPath("$.subject.name").isEqualTo(name);
        // the name is nowhere in the log: only its ciphertext
        for (String collection : eventDatabase.listCollectionNames()) {
            if (!collection.equals("person_keys")) {
                for (Document document : eventDatabase.getCollection(collection).find()) {
                    assertThat(document.toJson()).as(collection).doesNotContain(name);
                }
            }
        }
        as("auditor").get().uri("/units/{id}/history", ids[2]).exchange().expectBody(String.class)
                     .value(history -> assertThat(history).contains("một cá nhân ở " + ids[2]).doesNotContain(name));

        // the list as a workbook: the decider's has the name, the proposer's does not
        assertThat(exportedText("recognizer", ids[2])).contains(name).contains("Giáo viên Trường Tiểu học Lập Lễ");
        assertThat(exportedText("planner", ids[2])).doesNotContain(name).contains("(được bảo vệ)");

        as("planner").post().uri("/award-nominations/{id}/forget-person", id).bodyValue(Map.of("reason", "Yêu cầu"))
                     .exchange().expectStatus().isForbidden();
        as("recognizer").post().uri("/award-nominations/{id}/forget-person", id).bodyValue(Map.of("reason", " "))
                        .exchange().expectStatus().isBadRequest();
        java.util.Set<Object> keysBefore = personKeys();
        Map<String, Object> forgotten = as("recognizer").post().uri("/award-nominations/{id}/forget-person", id)
                .bodyValue(Map.of("reason", "Người được đề nghị yêu cầu xoá dữ liệu (Nghị định 13/2023/NĐ-CP)"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((Map<String, Object>) forgotten.get("subject")).containsEntry("name", "(đã xoá theo yêu cầu)")
                                                                   .containsEntry("personalData", "FORGOTTEN");
        as("auditor").get().uri("/award-nominations/{id}", id).exchange().expectBody()
                     .jsonPath("$.subject.name").isEqualTo("(đã xoá theo yêu cầu)")
                     .jsonPath("$.subject.position").doesNotExist()
                     .jsonPath("$.state").isEqualTo("DRAFT");
        // exactly one key is gone: the teacher's
        assertThat(keysBefore).containsAll(personKeys()).hasSize(personKeys().size() + 1);
        as("recognizer").post().uri("/award-nominations/{id}/forget-person", id).bodyValue(Map.of("reason", "Lần nữa"))
                        .exchange().expectStatus().isEqualTo(409);
        // the nomination goes on without the name, and the log is as written
        as("planner").post().uri("/award-nominations/{id}/submit", id).bodyValue(Map.of()).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("SUBMITTED");
        as("auditor").get().uri("/audit/verify").exchange().expectStatus().isOk().expectBody().jsonPath("$.ok").isEqualTo(true);
    }

    /** Every cell of the exported list of a unit's nominations, as one text. */
    private String exportedText(String user, String unit) {
        byte[] bytes = as(user).get().uri("/award-nominations?unitId={u}&format=xlsx", unit).exchange()
                               .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        StringBuilder text = new StringBuilder();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(bytes))) {
            workbook.getSheetAt(0).forEach(row -> row.forEach(cell -> text.append(cell.toString()).append('|')));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return text.toString();
    }

    private java.util.Set<Object> personKeys() {
        java.util.Set<Object> ids = new java.util.HashSet<>();
        eventDatabase.getCollection("person_keys").find().forEach(d -> ids.add(d.get("_id")));
        return ids;
    }

    @Test
    void aRefusedNominationNamesItsFieldByItsPlaceInTheRequest() {
        // the rules themselves are the aggregate's (NominationAggregateTest); here: the refusal as the client sees it
        String[] ids = provinceDistrictCommune();
        waitForMovement();
        as("planner").post().uri("/award-nominations")
                     .bodyValue(nomination("GIAY_KHEN", Map.of("kind", "CA_NHAN", "unitId", ids[2]), ids[2]))
                     .exchange().expectStatus().isBadRequest().expectHeader().contentType("application/problem+json")
                     .expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED")
                     .jsonPath("$.errors[0].field").isEqualTo("subject.name");
        as("viewer").post().uri("/award-nominations")
                    .bodyValue(nomination("GIAY_KHEN", Map.of("kind", "TAP_THE", "unitId", ids[2]), ids[2]))
                    .exchange().expectStatus().isForbidden();
        as("auditor").get().uri("/award-nominations/{id}", "00000000-0000-4000-8000-000000000000").exchange()
                     .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("NOMINATION_NOT_FOUND");
    }
}
