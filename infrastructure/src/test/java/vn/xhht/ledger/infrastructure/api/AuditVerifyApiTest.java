package vn.xhht.ledger.infrastructure.api;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log's tamper evidence, as an auditor sees it: {@code /audit/verify} is ok on the untouched log and names the
 * broken position after each kind of tampering done through the raw driver — a payload edited, an event deleted,
 * two events swapped, a forged event inserted. Each test restores the log afterwards.
 */
class AuditVerifyApiTest extends ApiTest {

    private MongoCollection<Document> events;
    private List<Document> original;

    @BeforeEach
    void openTheLog() {
        events = eventDatabase.getCollection("events");
        original = null;
    }

    /** Keeps the log as it is now (after the test's own commands), to be put back after the tampering. */
    private void beforeTampering() {
        original = events.find().into(new ArrayList<>());
    }

    @AfterEach
    void undoTheTampering() {
        if (original != null) {
            events.deleteMany(new Document());
            events.insertMany(original);
        }
    }

    @Test
    void theUntouchedLogVerifies() {
        String[] units = provinceDistrictCommune();

        Map<?, ?> report = verify();

        assertThat(report.get("ok")).isEqualTo(true);
        assertThat(((Number) report.get("checkedEvents")).longValue()).isGreaterThanOrEqualTo(3);
        assertThat(report.containsKey("firstBrokenPosition")).isFalse();
        assertThat(units).hasSize(3);
    }

    @Test
    void anEditedPayloadIsNamedByItsPosition() {
        String unit = fresh("xa");
        register(unit, "PROVINCE", null, "2020-01-01");
        Document commit = commitOf(unit, 0);
        beforeTampering();
        List<Document> stored = commit.getList("events", Document.class);
        stored.get(0).get("p", Document.class).put("name", "Tên đã bị sửa");
        events.replaceOne(eq("_id", commit.get("_id")), commit);

        Map<?, ?> report = verify();

        assertThat(report.get("ok")).isEqualTo(false);
        assertThat(position(report)).isEqualTo(commit.getLong("_id"));
    }

    @Test
    void aDeletedEventIsNamedAtTheAggregatesNextEvent() {
        String[] units = provinceDistrictCommune();
        String commune = units[2];
        rename(commune, "Tên mới 1");
        rename(commune, "Tên mới 2");
        Document deleted = commitOf(commune, 1);
        Document next = commitOf(commune, 2);
        beforeTampering();
        events.deleteOne(eq("_id", deleted.get("_id")));

        Map<?, ?> report = verify();

        assertThat(report.get("ok")).isEqualTo(false);
        // the chain names the aggregate's next event; a signed checkpoint taken after the deleted event names it
        // exactly, and the verifier meets that checkpoint first
        assertThat(position(report)).isIn(deleted.getLong("_id"), next.getLong("_id"));
    }

    @Test
    void anAggregatesDeletedLastEventIsNamedByTheSignedCheckpointThatRecordedIt() throws InterruptedException {
        String unit = fresh("tinh");
        register(unit, "PROVINCE", null, "2020-01-01");
        rename(unit, "Tên mới");
        Document last = commitOf(unit, 1);
        awaitCheckpointAtOrAbove(last.getLong("_id"));
        beforeTampering();
        events.deleteOne(eq("_id", last.get("_id")));

        Map<?, ?> report = verify();

        assertThat(report.get("ok")).isEqualTo(false);
        assertThat(position(report)).isEqualTo(last.getLong("_id"));
        assertThat((String) report.get("problem")).contains("missing");
    }

    @Test
    void twoSwappedEventsAreNamedAtTheFirstOfThem() {
        String a = fresh("tinh");
        String b = fresh("tinh");
        register(a, "PROVINCE", null, "2020-01-01");
        register(b, "PROVINCE", null, "2020-01-01");
        Document first = commitOf(a, 0);
        Document second = commitOf(b, 0);
        Object firstPosition = first.get("_id");
        Object secondPosition = second.get("_id");
        beforeTampering();
        events.deleteOne(eq("_id", firstPosition));
        events.deleteOne(eq("_id", secondPosition));
        first.put("_id", secondPosition);
        second.put("_id", firstPosition);
        events.insertOne(first);
        events.insertOne(second);

        Map<?, ?> report = verify();

        assertThat(report.get("ok")).isEqualTo(false);
        assertThat(position(report)).isEqualTo(Math.min((Long) firstPosition, (Long) secondPosition));
    }

    @Test
    void aForgedEventWithCorrectHashesButNoValidSignatureIsNamed() {
        String unit = fresh("tinh");
        register(unit, "PROVINCE", null, "2020-01-01");
        Document genuine = commitOf(unit, 0);
        beforeTampering();
        Document last = events.find().sort(Sorts.descending("_id")).first();
        long forgedAt = last.getLong("_id") + last.getInteger("n") + 1000;
        // a forger who knows the hash recipe: the next event of the aggregate, hashed correctly, signed with junk
        Document event = new Document(genuine.getList("events", Document.class).get(0));
        event.put("id", "forged-" + unit);
        event.put("seq", 1L);
        event.get("p", Document.class).put("name", "Đơn vị giả mạo");
        byte[] previous = ((Binary) genuine.getList("events", Document.class).get(0).get("h")).getData();
        byte[] hash = vn.xhht.ledger.infrastructure.eventstore.LogSeal.hash(previous, forgedAt, event);
        event.put("ph", previous);
        event.put("h", hash);
        events.insertOne(new Document("_id", forgedAt).append("n", 1).append("at", new java.util.Date())
                                                      .append("keys", List.of(unit + "\u00011"))
                                                      .append("events", List.of(event))
                                                      .append("mac", new byte[32]));

        Map<?, ?> report = verify();

        assertThat(report.get("ok")).isEqualTo(false);
        assertThat(position(report)).isEqualTo(forgedAt);
        assertThat((String) report.get("problem")).contains("signature");
    }

    @Test
    void anAggregatesExportVerifiesOfflineWithNothingButSha256AndEd25519() throws Exception {
        String unit = fresh("tinh");
        register(unit, "PROVINCE", null, "2020-01-01");
        rename(unit, "Tên mới 1");
        rename(unit, "Tên mới 2");
        awaitCheckpointAtOrAbove(commitOf(unit, 2).getLong("_id"));

        String body = as("auditor").get().uri("/audit/export?aggregateId=" + unit).exchange().expectStatus().isOk()
                                   .expectBody(String.class).returnResult().getResponseBody();

        // the documented procedure (README, "Verifying an export"), with the JDK alone
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<com.fasterxml.jackson.databind.JsonNode> lines = new ArrayList<>();
        for (String line : body.lines().toList()) {
            lines.add(json.readTree(line));
        }
        java.util.Base64.Decoder base64 = java.util.Base64.getDecoder();
        java.security.PublicKey key = java.security.KeyFactory.getInstance("Ed25519").generatePublic(
                new java.security.spec.X509EncodedKeySpec(base64.decode(lines.get(0).get("publicKey").asText())));
        // 1 and 2: every hash recomputed from the bytes, each event chained to the one before
        List<byte[]> chain = new ArrayList<>();
        byte[] previous = new byte[0];
        for (com.fasterxml.jackson.databind.JsonNode commit : lines.subList(1, lines.size())) {
            if (!commit.has("events")) {
                continue;
            }
            for (com.fasterxml.jackson.databind.JsonNode event : commit.get("events")) {
                java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
                byte[] previousHash = base64.decode(event.get("previousHash").asText());
                assertThat(previousHash).as("chained to the event before").isEqualTo(previous);
                sha256.update(previousHash);
                sha256.update(java.nio.ByteBuffer.allocate(8).putLong(event.get("position").asLong()).array());
                sha256.update(base64.decode(event.get("bson").asText()));
                byte[] hash = sha256.digest();
                assertThat(hash).isEqualTo(base64.decode(event.get("hash").asText()));
                chain.add(hash);
                previous = hash;
            }
        }
        assertThat(chain).hasSize(3);
        // 3: a signed checkpoint records the aggregate's head — the last hash of the chain — so every event is anchored
        boolean anchored = false;
        for (com.fasterxml.jackson.databind.JsonNode checkpoint : lines) {
            if (!checkpoint.has("checkpoint")) {
                continue;
            }
            java.security.Signature signature = java.security.Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(base64.decode(checkpoint.get("signed").asText()));
            assertThat(signature.verify(base64.decode(checkpoint.get("signature").asText()))).isTrue();
            for (com.fasterxml.jackson.databind.JsonNode head : checkpoint.get("heads")) {
                if (head.get("seq").asLong() == 2) {
                    assertThat(base64.decode(head.get("hash").asText())).isEqualTo(chain.get(2));
                    anchored = true;
                }
            }
        }
        assertThat(anchored).as("the head is anchored by a signed checkpoint").isTrue();
        assertThat(body).contains("Tên mới 2");
    }

    @Test
    void onlyAuditorsAndAdministratorsMayVerify() {
        as("viewer").get().uri("/audit/verify").exchange().expectStatus().isForbidden()
                    .expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN_ROLE");
        as("admin").get().uri("/audit/verify").exchange().expectStatus().isOk();
        as("planner").get().uri("/audit/export").exchange().expectStatus().isForbidden();
        as("auditor").get().uri("/audit/export?aggregateId={id}", "{\"$gt\":\"\"}").exchange()
                     .expectStatus().isBadRequest();
    }

    private void awaitCheckpointAtOrAbove(long position) throws InterruptedException {
        MongoCollection<Document> checkpoints = eventDatabase.getCollection("event_checkpoints");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (checkpoints.find(com.mongodb.client.model.Filters.gte("_id", position)).first() == null) {
            assertThat(System.nanoTime()).as("a checkpoint covering position %d", position).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private Map<?, ?> verify() {
        return as("auditor").get().uri("/audit/verify").exchange().expectStatus().isOk()
                            .expectBody(Map.class).returnResult().getResponseBody();
    }

    private static long position(Map<?, ?> report) {
        return ((Number) report.get("firstBrokenPosition")).longValue();
    }

    private Document commitOf(String aggregate, long sequence) {
        Document commit = events.find(eq("keys", aggregate + "\u0001" + sequence)).first();
        assertThat(commit).as("commit of %s #%d", aggregate, sequence).isNotNull();
        return commit;
    }

    private void rename(String unit, String name) {
        as("admin").post().uri("/units/" + unit + "/rename")
                   .bodyValue(Map.of("name", name, "validFrom", "2024-01-01", "reason", "đổi tên"))
                   .exchange().expectStatus().is2xxSuccessful();
    }
}
