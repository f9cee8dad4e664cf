package vn.xhht.ledger.infrastructure.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Both times on the reads (API.md: "Time is bitemporal"). Record time, {@code ?asOf=<instant>}: what the service
 * answered at an instant, whatever was recorded since — a rename, a move, an amendment, a submission, a revocation.
 * Valid time, {@code ?on=<date>}: the world as it stood that day — the hierarchy then, the plans in force, the titles
 * held.
 */
class BitemporalReadsApiTest extends ApiTest {

    private static final int THIS_YEAR = LocalDate.now().getYear();

    /** An instant strictly between what was recorded before and what will be recorded after. */
    private static Instant instant() {
        try {
            Thread.sleep(5);
            Instant now = Instant.now();
            Thread.sleep(5);
            return now;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aUnitAndItsChildrenAsOfAnInstantAreWhatTheServiceKnewThenWhateverWasRecordedSince() {
        String[] ids = provinceDistrictCommune();
        String otherDistrict = fresh("huyen");
        Instant beforeOtherDistrict = instant();
        register(otherDistrict, "DISTRICT", ids[0], "2020-01-01");
        Instant beforeRename = instant();
        as("admin").post().uri("/units/{id}/rename", ids[2])
                   .bodyValue(Map.of("name", "Phường Tân Thông Hội", "validFrom", "2020-01-01", "reason", "Sai tên"))
                   .exchange().expectStatus().isOk();
        Instant beforeMove = instant();
        as("admin").post().uri("/units/{id}/move", ids[2])
                   .bodyValue(Map.of("parentId", otherDistrict, "validFrom", "2020-01-01", "reason", "Nhập nhầm huyện"))
                   .exchange().expectStatus().isOk();

        as("auditor").get().uri("/units/{id}?asOf={t}", ids[2], beforeRename).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.name").isEqualTo("Đơn vị " + ids[2]).jsonPath("$.version").isEqualTo(0);
        as("auditor").get().uri("/units/{id}?asOf={t}", ids[2], beforeMove).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.name").isEqualTo("Phường Tân Thông Hội").jsonPath("$.parentId").isEqualTo(ids[1]);
        as("auditor").get().uri("/units/{id}", ids[2]).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.parentId").isEqualTo(otherDistrict);
        as("auditor").get().uri("/units/{id}?asOf={t}", otherDistrict, beforeOtherDistrict).exchange()
                     .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("UNIT_NOT_FOUND");

        // recorded as always under the other district (validFrom 2020), yet the service answered otherwise before
        as("auditor").get().uri("/units/{id}/children?on=2023-06-30&asOf={t}", ids[1], beforeMove).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.items[0].id").isEqualTo(ids[2])
                     .jsonPath("$.items[0].name").isEqualTo("Phường Tân Thông Hội");
        as("auditor").get().uri("/units/{id}/children?on=2023-06-30", ids[1]).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
        as("auditor").get().uri("/units/{id}/children?on=2023-06-30&asOf={t}", otherDistrict, beforeMove).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
        as("auditor").get().uri("/units/{id}/children?on=2023-06-30", otherDistrict).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.items[0].id").isEqualTo(ids[2]);
    }

    @Test
    void aPlanAsOfJustBeforeItsAmendmentShowsTheOldTargetAndAListAsOfBeforeItWasDraftedOmitsIt() {
        String district = provinceDistrictCommune()[1];
        Instant beforeDraft = instant();
        String id = createIssued(district);
        Instant beforeAmendment = instant();
        as("planner").post().uri("/plans/{id}/amend", id)
                     .bodyValue(Map.of("targets", List.of(Map.of("indicator", "HOUSEHOLDS_TITLED", "target", 0.60)),
                                       "reason", "Theo chỉ đạo của UBND thành phố"))
                     .exchange().expectStatus().isOk();

        as("auditor").get().uri("/plans/{id}?asOf={t}", id, beforeAmendment).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.targets[0].target").isEqualTo(0.55).jsonPath("$.status").isEqualTo("ISSUED")
                     .jsonPath("$.version").isEqualTo(2);
        as("auditor").get().uri("/plans/{id}", id).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.targets[0].target").isEqualTo(0.6);
        as("auditor").get().uri("/plans/{id}?asOf={t}", id, beforeDraft).exchange().expectStatus().isNotFound();
        as("auditor").get().uri("/plans?unitId={u}&asOf={t}", district, beforeDraft).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(0);
        as("auditor").get().uri("/plans?unitId={u}&year=2023&asOf={t}", district, beforeAmendment).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.items[0].targets[0].target").isEqualTo(0.55);
    }

    @Test
    void anAssessmentAsOfBeforeItsSubmissionIsStillADraft() {
        String subject = fresh("truong");
        register(subject, "ORGANISATION", provinceDistrictCommune()[1], "2020-01-01");
        String id = openAssessment(subject, "TT22-2020-DVHT", AssessmentsApiTest.points86(), THIS_YEAR);
        Instant beforeSubmission = instant();
        as("assessor").post().uri("/assessments/{id}/submit", id).exchange().expectStatus().isOk();

        as("auditor").get().uri("/assessments/{id}?asOf={t}", id, beforeSubmission).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.status").isEqualTo("DRAFT").jsonPath("$.total").isEqualTo(86);
        as("auditor").get().uri("/assessments/{id}", id).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.status").isEqualTo("SUBMITTED");
        as("auditor").get().uri("/assessments?unitId={u}&status=DRAFT&asOf={t}", subject, beforeSubmission).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.items[0].id").isEqualTo(id);
        as("auditor").get().uri("/assessments?unitId={u}&status=DRAFT", subject).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
    }

    @Test
    void aRecognitionAsOfBeforeItsRevocationIsValidAndTheUnitsListAsOfBeforeTheGrantIsEmpty() {
        String subject = fresh("truong");
        register(subject, "ORGANISATION", provinceDistrictCommune()[1], "2020-01-01");
        Instant beforeGrant = instant();
        Map<String, Object> grant = new HashMap<>(Map.of("title", "DON_VI_HOC_TAP", "subjectUnitId", subject, "year", 2023,
                                                         "level", "MUC_DO_1", "decisionNumber", "123/QĐ-UBND",
                                                         // under TT 22 (ranked yearly): held for 2023 only
                                                         "decidedOn", "2023-12-20"));
        String location = as("recognizer").post().uri("/recognitions").bodyValue(grant).exchange()
                                          .expectStatus().isCreated().returnResult(String.class)
                                          .getResponseHeaders().getLocation().getPath().replace("/api/v1", "");
        Instant beforeRevocation = instant();
        as("recognizer").post().uri(location + "/revoke").bodyValue(Map.of("reason", "Hồ sơ không trung thực"))
                        .exchange().expectStatus().isOk();

        as("auditor").get().uri(location + "?asOf={t}", beforeRevocation).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.revoked").isEqualTo(false);
        as("auditor").get().uri(location).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.revoked").isEqualTo(true);
        as("auditor").get().uri("/units/{id}/recognitions?asOf={t}", subject, beforeGrant).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(0);
        as("auditor").get().uri("/units/{id}/recognitions?asOf={t}", subject, beforeRevocation).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.items[0].revoked").isEqualTo(false);
    }

    @Test
    void onADateTheListsFollowTheHierarchyThenThePlansInForceAndTheTitlesHeld() {
        String[] ids = provinceDistrictCommune();
        String otherDistrict = fresh("huyen");
        register(otherDistrict, "DISTRICT", ids[0], "2020-01-01");
        String school = fresh("truong");
        register(school, "ORGANISATION", ids[1], "2020-01-01");
        as("admin").post().uri("/units/{id}/move", school)
                   .bodyValue(Map.of("parentId", otherDistrict, "validFrom", "2025-07-01", "reason", "Sắp xếp 2025"))
                   .exchange().expectStatus().isOk();
        String assessment = openAssessment(school, "TT22-2020-DVHT", AssessmentsApiTest.points86(), THIS_YEAR);

        as("auditor").get().uri("/assessments?unitId={u}&on=2025-06-30", ids[1]).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items[0].id").isEqualTo(assessment);
        as("auditor").get().uri("/assessments?unitId={u}", ids[1]).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(0);
        as("auditor").get().uri("/assessments?unitId={u}", otherDistrict).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items[0].id").isEqualTo(assessment);

        String plan = createIssued(ids[1]);
        as("auditor").get().uri("/plans?unitId={u}&on=2023-06-30", ids[1]).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items[0].id").isEqualTo(plan);
        as("auditor").get().uri("/plans?unitId={u}&on=2024-01-01", ids[1]).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(0);

        Map<String, Object> grant = new HashMap<>(Map.of("title", "DON_VI_HOC_TAP", "subjectUnitId", school, "year", 2023,
                                                         "level", "MUC_DO_1", "decisionNumber", "123/QĐ-UBND",
                                                         // under TT 22 (ranked yearly): held for 2023 only
                                                         "decidedOn", "2023-12-20"));
        as("recognizer").post().uri("/recognitions").bodyValue(grant).exchange().expectStatus().isCreated();
        as("auditor").get().uri("/units/{id}/recognitions?on=2023-06-30", school).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(1);
        as("auditor").get().uri("/units/{id}/recognitions?on=2024-06-30", school).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(0);
        as("auditor").get().uri("/units/{id}/recognitions", school).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(1);
    }

    @Test
    void aBaselineAndABatchAsOfAnInstantAreTheFiguresRecordedByThen() {
        String commune = provinceDistrictCommune()[2];
        Instant beforeBaseline = instant();
        as("planner").put().uri("/units/{id}/baselines/2023", commune)
                     .bodyValue(Map.of("households", 9500, "clans", 120, "villages", 12, "citizens", 32000))
                     .exchange().expectStatus().isOk();
        Instant beforeCorrection = instant();
        as("planner").put().uri("/units/{id}/baselines/2023", commune)
                     .bodyValue(Map.of("households", 9620, "clans", 120, "villages", 12, "citizens", 32000))
                     .exchange().expectStatus().isOk();
        String batch = as("recognizer").post().uri("/recognition-batches")
                                       .bodyValue(Map.of("unitId", commune, "title", "GIA_DINH_HOC_TAP", "year", 2023,
                                                         "count", 410, "decisionNumber", "12/QĐ-UBND",
                                                         "decidedOn", "2023-11-30"))
                                       .exchange().expectStatus().isCreated().returnResult(String.class)
                                       .getResponseHeaders().getLocation().getPath().replace("/api/v1", "");

        as("auditor").get().uri("/units/{id}/baselines/2023?asOf={t}", commune, beforeCorrection).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.households").isEqualTo(9500);
        as("auditor").get().uri("/units/{id}/baselines/2023", commune).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.households").isEqualTo(9620);
        as("auditor").get().uri("/units/{id}/baselines/2023?asOf={t}", commune, beforeBaseline).exchange()
                     .expectStatus().isNotFound();
        as("auditor").get().uri(batch + "?asOf={t}", beforeCorrection).exchange().expectStatus().isNotFound();
        as("auditor").get().uri(batch).exchange().expectStatus().isOk().expectBody().jsonPath("$.count").isEqualTo(410);
    }

    @Test
    void readsThatDoNotServeRecordTimeYetRefuseItRatherThanAnswerWithToday() {
        String[] ids = provinceDistrictCommune();
        as("auditor").get().uri("/indicators/catalogue?asOf=2024-01-01T00:00:00Z").exchange()
                     .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("AS_OF_NOT_SUPPORTED");
        as("auditor").get().uri("/units/{id}?asOf=yesterday", ids[0]).exchange()
                     .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("asOf");
    }
}
