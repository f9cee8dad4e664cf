package vn.xhht.ledger.infrastructure.api;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A district's period ledger receives a fact from every unit under it; after enough of them it is read from a
 * snapshot. Snapshotted, it still refuses facts while its plan has closed the year, and admits them once reopened.
 */
class PeriodLedgerSnapshotsApiTest extends ApiTest {

    private void batch(String village, int status) {
        as("recognizer").post().uri("/recognition-batches").bodyValue(Map.of(
                "unitId", village, "title", "GIA_DINH_HOC_TAP", "year", 2023, "count", 1,
                "decisionNumber", "QĐ-1", "decidedOn", "2023-11-20")).exchange().expectStatus().isEqualTo(status);
    }

    @Test
    void aSnapshottedLedgerStillRefusesFactsWhileClosedAndAdmitsThemOnceReopened() {
        String[] ids = provinceDistrictCommune();
        String village = fresh("ap");
        register(village, "VILLAGE", ids[2], "2020-01-01");
        for (int i = 0; i < 120; i++) {
            batch(village, 201);
        }
        Document snapshot = eventDatabase.getCollection("snapshots").find(new Document("_id", "period:" + ids[1] + ":2023")).first();
        assertThat(snapshot).as("the district's 2023 ledger was snapshotted").isNotNull();

        String plan = createIssued(ids[1]);
        as("planner").post().uri("/plans/{id}/close", plan).bodyValue(Map.of("reason", "Chốt số liệu năm 2023"))
                     .exchange().expectStatus().isOk();
        batch(village, 409);
        as("planner").post().uri("/plans/{id}/reopen", plan).bodyValue(Map.of("reason", "Bổ sung"))
                     .exchange().expectStatus().isOk();
        batch(village, 201);
    }
}
