package vn.xhht.ledger.infrastructure.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.xhht.ledger.infrastructure.eventstore.LogSeal;
import vn.xhht.ledger.infrastructure.process.PackagedService;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes on one MongoDB (issue #6): two packaged jars share a MongoDB served over TCP (the embedded server, run by
 * this test so that either node can be killed), started at the same moment. The projections' segments are split
 * between them, commands go to both, then one is killed with {@code kill -9} mid-way while the commands go on. The
 * survivor takes its segments over; afterwards every acknowledged command has its events in the log, no view lost or
 * counted an event twice (each equals its rebuild from the log), and the log — checkpointed by both nodes' notaries —
 * verifies as one chain. A third node started with another signing key refuses to start.
 */
class TwoNodesIT {

    private static final int CLIENTS = 4;
    private static final String PROVINCE = "tinh-hai-nut";

    @TempDir
    Path dir;

    private MongoServer mongo;
    private final List<PackagedService> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (PackagedService node : nodes) {
            node.close();
        }
        if (mongo != null) {
            mongo.shutdownNow();
        }
    }

    @Test
    void twoNodesShareTheProjectionsAndTheSurvivorOfAKillTakesOverWithNothingLostOrCountedTwice() throws Exception {
        mongo = new MongoServer(new MemoryBackend());
        int port = PackagedService.freePort();
        mongo.bind("127.0.0.1", port);
        String uri = "mongodb://127.0.0.1:" + port;
        Path key = dir.resolve("log-signing.key");
        LogSeal.fromFile(key); // provisioned once and copied to every node, as README says

        ExecutorService starter = Executors.newFixedThreadPool(2);
        Future<PackagedService> startingA = starter.submit(node("a", uri, key));
        Future<PackagedService> startingB = starter.submit(node("b", uri, key));
        PackagedService a = startingA.get(3, TimeUnit.MINUTES);
        nodes.add(a);
        PackagedService b = startingB.get(3, TimeUnit.MINUTES);
        nodes.add(b);
        starter.shutdown();

        assertThat(a.post("/api/v1/units", "{\"id\":\"" + PROVINCE + "\",\"name\":\"Tỉnh\",\"kind\":\"PROVINCE\","
                + "\"validFrom\":\"2020-01-01\"}")).isEqualTo(201);

        Map<String, Long> heldByB = awaitSplit(a, b);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger refusedOrLost = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<PackagedService> targets = List.of(a, b);
        for (int c = 0; c < CLIENTS; c++) {
            clients.submit(() -> {
                int turn = ThreadLocalRandom.current().nextInt(2);
                while (running.get()) {
                    PackagedService target = targets.get(turn++ % 2);
                    try {
                        workOn(target, acknowledged);
                    } catch (IOException | InterruptedException e) {
                        refusedOrLost.incrementAndGet(); // the node died under the request: no answer, no promise
                    }
                }
                return null;
            });
        }
        Thread.sleep(5_000);
        Map<String, Long> handledByB = positions(b, true);
        b.kill();
        int acknowledgedBeforeKill = acknowledged.size();
        Thread.sleep(5_000);
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(heldByB.keySet()).as("node b handled events in a segment it held (then %s, at the kill %s)",
                                        heldByB, handledByB)
                                    .anyMatch(segment -> handledByB.getOrDefault(segment, 0L) > heldByB.get(segment));
        awaitAllSegmentsOn(a);
        a.awaitProjectionsCaughtUp();

        assertThat(a.withoutEvents(acknowledged)).as("acknowledged commands without their event, of %d", acknowledged.size()).isEmpty();
        assertThat(acknowledged.size() - acknowledgedBeforeKill).as("commands acknowledged after the kill").isPositive();
        assertThat(a.rebuildDifferences()).as("views unequal to their rebuild from the log").isEmpty();
        JsonNode verify = a.get("/api/v1/audit/verify");
        assertThat(verify.get("ok").asBoolean()).as("log verification: %s", verify).isTrue();
        Path otherKey = dir.resolve("another.key");
        LogSeal.fromFile(otherKey);
        assertThatThrownBy(() -> nodes.add(PackagedService.start(PackagedService.freePort(), "node c", dir, List.of(
                "--xhht.mongodb.uri=" + uri, "--xhht.data-dir=" + dir.resolve("data-c"),
                "--xhht.audit.signing-key-file=" + otherKey))))
                .as("a node with another signing key").hasMessageContaining("every node must use a copy of the same key");
        System.out.printf("two nodes: segments split %s, %d commands acknowledged (%d after node b was killed, %d "
                                  + "requests lost with it); all in the log, every view equals its rebuild, the log "
                                  + "verifies%n", heldByB.keySet(), acknowledged.size(),
                          acknowledged.size() - acknowledgedBeforeKill, refusedOrLost.get());
    }

    private Callable<PackagedService> node(String name, String uri, Path key) {
        return () -> PackagedService.start(PackagedService.freePort(), "node " + name, dir, List.of(
                "--xhht.mongodb.uri=" + uri,
                "--xhht.data-dir=" + dir.resolve("data-" + name),
                "--xhht.audit.signing-key-file=" + key,
                "--xhht.security.users-file=" + dir.resolve("no-users.yml"),
                "--xhht.audit.checkpoint-interval=PT0.5S",
                "--xhht.processors.claim-timeout=PT4S",
                "--xhht.processors.balance-interval=PT0.5S"));
    }

    /** A commune under the province, then a household recognition batch of it: two commands, two aggregates. */
    private static void workOn(PackagedService node, Set<String> acknowledged) throws IOException, InterruptedException {
        String commune = "xa-" + UUID.randomUUID().toString().substring(0, 12);
        if (node.post("/api/v1/units", "{\"id\":\"" + commune + "\",\"name\":\"Xã\",\"kind\":\"COMMUNE\",\"parentId\":\""
                + PROVINCE + "\",\"validFrom\":\"2020-01-01\"}") != 201) {
            return;
        }
        acknowledged.add(commune);
        HttpResponse<String> batch = node.send("POST", "/api/v1/recognition-batches", "{\"unitId\":\"" + commune
                + "\",\"title\":\"GIA_DINH_HOC_TAP\",\"year\":2023,\"count\":" + ThreadLocalRandom.current().nextInt(1, 500)
                + ",\"decisionNumber\":\"7/QĐ-UBND\",\"decidedOn\":\"2023-11-30\"}");
        if (batch.statusCode() == 201) {
            String location = batch.headers().firstValue("Location").orElseThrow();
            acknowledged.add(location.substring(location.lastIndexOf('/') + 1));
        }
    }

    /** Waits until each node holds segments; answers node b's, with their positions then. */
    private static Map<String, Long> awaitSplit(PackagedService a, PackagedService b) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Long> onA = positions(a, true);
            Map<String, Long> onB = positions(b, true);
            if (!onA.isEmpty() && !onB.isEmpty() && onA.size() + onB.size() == segmentCount(a)
                    && Math.abs(onA.size() - onB.size()) <= 1) {
                return onB;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the segments were not split between the nodes: " + a.get("/api/v1/admin/projections"));
    }

    private static void awaitAllSegmentsOn(PackagedService node) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (positions(node, true).size() == segmentCount(node)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the survivor did not take every segment over: " + node.get("/api/v1/admin/projections"));
    }

    /** {@code projection#segment → position} of the segments the node answering holds ({@code local}). */
    private static Map<String, Long> positions(PackagedService node, boolean local) throws Exception {
        Map<String, Long> held = new HashMap<>();
        for (JsonNode projection : node.get("/api/v1/admin/projections").get("items")) {
            for (JsonNode segment : projection.get("segments")) {
                if (segment.get("local").asBoolean() == local && !segment.get("node").isNull()) {
                    held.put(projection.get("name").asText() + "#" + segment.get("segment").asInt(),
                             segment.get("position").asLong());
                }
            }
        }
        return held;
    }

    private static int segmentCount(PackagedService node) throws Exception {
        int count = 0;
        for (JsonNode projection : node.get("/api/v1/admin/projections").get("items")) {
            count += projection.get("segments").size();
        }
        return count;
    }
}
