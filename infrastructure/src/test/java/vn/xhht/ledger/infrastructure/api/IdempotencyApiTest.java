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

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec planWithKey(String district, String key) {
        return as("planner").post().uri("/plans").header("Idempotency-Key", key).bodyValue(PlansApiTest.plan(district))
                            .exchange();
    }

    /** What a crash between storing the events and keeping the answer leaves: the record without its answer. */
    private void crashBeforeTheAnswerWasKept(String user, String key, String node) {
        var records = eventDatabase.getCollection("idempotency");
        var updated = records.updateOne(new Document("_id", user + "\u0000" + key),
                                        new Document("$unset", new Document("status", "").append("headers", "").append("body", ""))
                                                .append("$set", new Document("node", node)));
        assertThat(updated.getMatchedCount()).isEqualTo(1);
    }

    private long storedEvents() {
        return eventDatabase.getCollection("events").countDocuments();
    }

    @Test
    void aKeyWhoseNodeCrashedAfterStoringTheEventsAnswersTheStoredResultAndStoresNothingAgain() {
        String district = provinceDistrictCommune()[1];
        String key = UUID.randomUUID().toString();
        var first = planWithKey(district, key).expectStatus().isCreated().expectBody(String.class).returnResult();
        crashBeforeTheAnswerWasKept("planner", key, "a-node-that-crashed");
        long before = storedEvents();

        var again = planWithKey(district, key).expectStatus().isCreated()
                                 .expectHeader().doesNotExist("Idempotent-Replayed")
                                 .expectBody(String.class).returnResult();
        assertThat(again.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
        assertThat(storedEvents()).isEqualTo(before);
        as("auditor").get().uri("/plans?unitId={u}", district).exchange()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(1);
        // and from now on the kept answer is replayed as usual
        planWithKey(district, key).expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true");
    }

    @Test
    void aChangeWhoseNodeCrashedAfterStoringItIsNotAppliedTwice() {
        String commune = provinceDistrictCommune()[2];
        String key = UUID.randomUUID().toString();
        Map<String, Object> rename = Map.of("name", "Xã Đổi Tên", "validFrom", "2024-01-01", "reason", "Theo nghị quyết");
        as("admin").post().uri("/units/{id}/rename", commune).header("Idempotency-Key", key).bodyValue(rename)
                   .exchange().expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);
        crashBeforeTheAnswerWasKept("admin", key, "a-node-that-crashed");

        as("admin").post().uri("/units/{id}/rename", commune).header("Idempotency-Key", key).bodyValue(rename)
                   .exchange().expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);
        as("auditor").get().uri("/units/{id}", commune).exchange().expectBody().jsonPath("$.version").isEqualTo(1);
    }

    @Test
    void aKeyWhoseNodeCrashedBeforeStoringAnythingRunsTheRequestOnce() {
        String district = provinceDistrictCommune()[1];
        String key = UUID.randomUUID().toString();
        // the first attempt was refused before its command ran (nothing stored), then its record is made to look as
        // if its node had died while running it
        var records = eventDatabase.getCollection("idempotency");
        planWithKey(district, key).expectStatus().isCreated();
        Document kept = records.find(new Document("_id", "planner\u0000" + key)).first();
        String otherKey = UUID.randomUUID().toString();
        records.insertOne(new Document("_id", "planner\u0000" + otherKey).append("fingerprint", kept.getString("fingerprint"))
                                  .append("createdAt", new Date()).append("requestId", UUID.randomUUID().toString())
                                  .append("node", "a-node-that-crashed"));
        long before = storedEvents();

        planWithKey(district, otherKey).expectStatus().isCreated();
        assertThat(storedEvents()).isGreaterThan(before);
        as("auditor").get().uri("/plans?unitId={u}", district).exchange()
                     .expectBody().jsonPath("$.items.length()").isEqualTo(2);
    }

    @Test
    void aKeyStillRunningOnALiveNodeIsInProgress() {
        String district = provinceDistrictCommune()[1];
        String key = UUID.randomUUID().toString();
        planWithKey(district, key).expectStatus().isCreated();
        // this node sends heartbeats: its unfinished request is still running, not abandoned
        String liveNode = eventDatabase.getCollection("service_nodes").find().first().getString("_id");
        crashBeforeTheAnswerWasKept("planner", key, liveNode);
        planWithKey(district, key).expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }
}
