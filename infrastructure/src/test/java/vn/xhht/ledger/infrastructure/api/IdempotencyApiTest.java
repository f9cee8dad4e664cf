package vn.xhht.ledger.infrastructure.api;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.xhht.ledger.infrastructure.web.IdempotencyFilter;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyApiTest extends ApiTest {

    @Autowired
    IdempotencyFilter idempotency;

    @Test
    void theSameKeyWithTheSameBodyAnswersTheFirstAnswerAndStoresNothingNew() {
        String district = provinceDistrictCommune()[1];
        String key = UUID.randomUUID().toString();
        var first = as("planner").post().uri("/plans").header("Idempotency-Key", key).bodyValue(PlansApiTest.plan(district))
                                 .exchange().expectStatus().isCreated().expectBody(String.class).returnResult();
        var again = as("planner").post().uri("/plans").header("Idempotency-Key", key).bodyValue(PlansApiTest.plan(district))
                                 .exchange().expectStatus().isCreated()
                                 .expectHeader().valueEquals("Idempotent-Replayed", "true")
                                 .expectBody(String.class).returnResult();
        assertThat(again.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
        assertThat(again.getResponseBody()).isEqualTo(first.getResponseBody());
        as("auditor").get().uri("/plans?unitId={u}", district).exchange()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsAConflictAndARefusedRequestKeepsNothing() {
        String district = provinceDistrictCommune()[1];
        String key = UUID.randomUUID().toString();
        as("planner").post().uri("/plans").header("Idempotency-Key", key).bodyValue(PlansApiTest.plan(district))
                     .exchange().expectStatus().isCreated();
        Map<String, Object> other = new java.util.HashMap<>(PlansApiTest.plan(district));
        other.put("title", "Một kế hoạch khác");
        as("planner").post().uri("/plans").header("Idempotency-Key", key).bodyValue(other)
                     .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("IDEMPOTENCY_KEY_REUSED");

        String retryable = UUID.randomUUID().toString();
        Map<String, Object> broken = new java.util.HashMap<>(PlansApiTest.plan("no-such-unit"));
        as("planner").post().uri("/plans").header("Idempotency-Key", retryable).bodyValue(broken)
                     .exchange().expectStatus().isEqualTo(422);
        as("planner").post().uri("/plans").header("Idempotency-Key", retryable).bodyValue(broken)
                     .exchange().expectStatus().isEqualTo(422).expectHeader().doesNotExist("Idempotent-Replayed");
        as("planner").post().uri("/plans").header("Idempotency-Key", "not a key!").bodyValue(broken)
                     .exchange().expectStatus().isBadRequest();
    }

    @Test
    void keysBelongToTheirActor() {
        String district = provinceDistrictCommune()[1];
        String key = UUID.randomUUID().toString();
        as("planner").post().uri("/plans").header("Idempotency-Key", key).bodyValue(PlansApiTest.plan(district))
                     .exchange().expectStatus().isCreated();
        as("cuchi").post().uri("/plans").header("Idempotency-Key", key).bodyValue(PlansApiTest.plan(district))
                   .exchange().expectStatus().isForbidden();
    }

    @Test
    void aKeyOlderThanTheRetentionPeriodIsFreeAgain() {
        String district = provinceDistrictCommune()[1];
        String key = UUID.randomUUID().toString();
        keptAnswer("planner", key, Duration.ofDays(2)); // the default retention is one day

        as("planner").post().uri("/plans").header("Idempotency-Key", key).bodyValue(PlansApiTest.plan(district))
                     .exchange().expectStatus().isCreated().expectHeader().doesNotExist("Idempotent-Replayed");
        as("planner").post().uri("/plans").header("Idempotency-Key", key).bodyValue(PlansApiTest.plan(district))
                     .exchange().expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true");
        as("auditor").get().uri("/plans?unitId={u}", district).exchange()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(1);
    }

    @Test
    void theSweepDeletesTheRecordsOfExpiredKeysOnly() {
        String expired = UUID.randomUUID().toString();
        String kept = UUID.randomUUID().toString();
        keptAnswer("planner", expired, Duration.ofHours(25));
        keptAnswer("planner", kept, Duration.ofHours(23));

        assertThat(idempotency.sweep().block()).isGreaterThanOrEqualTo(1);

        assertThat(records().find(new Document("_id", "planner\u0000" + expired)).first()).isNull();
        assertThat(records().find(new Document("_id", "planner\u0000" + kept)).first()).isNotNull();
    }

    /** The record a successful request with {@code key} left {@code age} ago. */
    private void keptAnswer(String actor, String key, Duration age) {
        records().insertOne(new Document("_id", actor + "\u0000" + key).append("fingerprint", "another request")
                                                                      .append("createdAt", Date.from(Instant.now().minus(age)))
                                                                      .append("status", 201).append("headers", new Document())
                                                                      .append("body", new byte[0]));
    }

    private com.mongodb.client.MongoCollection<Document> records() {
        return eventDatabase.getCollection("idempotency");
    }
}
