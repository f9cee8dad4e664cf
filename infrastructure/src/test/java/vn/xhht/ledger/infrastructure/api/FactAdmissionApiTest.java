package vn.xhht.ledger.infrastructure.api;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fact is recorded once, on its admission shard: a title batch stores two events (the batch and its admission),
 * none on the ledgers of its commune, district or province, whatever they hold; the district's close still refuses
 * facts dated in its year, and its reopening admits them again.
 */
class FactAdmissionApiTest extends ApiTest {

    private void batch(String village, int status) {
        as("recognizer").post().uri("/recognition-batches").bodyValue(Map.of(
                "unitId", village, "title", "GIA_DINH_HOC_TAP", "year", 2023, "count", 1,
                "decisionNumber", "QĐ-1", "decidedOn", "2023-11-20")).exchange().expectStatus().isEqualTo(status);
    }

    private long eventsOf(String aggregateId) {
        long count = 0;
        for (Document commit : eventDatabase.getCollection("events").find()) {
            for (Document event : commit.getList("events", Document.class, List.of())) {
                if (aggregateId.equals(event.getString("agg"))) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void aFactIsRecordedOnceAndTheLedgersOfItsLineageOnlyHoldClosesAndReopens() {
        String[] ids = provinceDistrictCommune();
        String village = fresh("ap");
        register(village, "VILLAGE", ids[2], "2020-01-01");
        for (int i = 0; i < 30; i++) {
            batch(village, 201);
        }
        for (String unit : List.of(village, ids[0], ids[1], ids[2])) {
            assertThat(eventsOf("period:" + unit + ":2023")).as("events on %s's ledger", unit).isZero();
        }
        Document last = eventDatabase.getCollection("events").find().sort(new Document("_id", -1)).first();
        assertThat(last.getList("events", Document.class)).as("the last batch's commit").hasSize(2);
        // the admission is bookkeeping: no unit's history shows it (its shard holds other units' facts too)
        for (String unit : List.of(village, ids[1])) {
            as("auditor").get().uri("/units/{id}/history?limit=500", unit).exchange().expectStatus().isOk()
                         .expectBody().jsonPath("$.items[?(@.event.aggregateType == 'AdmissionShardAggregate')]").isEmpty()
                         .jsonPath("$.items[?(@.event.type == 'RecognitionBatchRecordedEvent')]").isNotEmpty();
        }

        String plan = createIssued(ids[1]);
        as("planner").post().uri("/plans/{id}/close", plan).bodyValue(Map.of("reason", "Chốt số liệu năm 2023"))
                     .exchange().expectStatus().isOk();
        assertThat(eventsOf("period:" + ids[1] + ":2023")).isEqualTo(1);
        batch(village, 409);
        as("planner").post().uri("/plans/{id}/reopen", plan).bodyValue(Map.of("reason", "Bổ sung"))
                     .exchange().expectStatus().isOk();
        batch(village, 201);
    }
}
