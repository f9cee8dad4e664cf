package vn.xhht.ledger.infrastructure.crash;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.xhht.ledger.infrastructure.process.PackagedService;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety (issue #6): the packaged jar on the H2 backend, commands from concurrent clients, {@code kill -9} at
 * random moments several times, restarts on the same data directory. Afterwards every command answered 2xx has its
 * event in the log, the log verifies (no half-written commit, chains and signatures intact), and every projection
 * equals what a rebuild from the log gives. Run by failsafe after the jar is packaged ({@code ./mvnw verify}).
 */
class CrashIT {

    private static final int KILLS = 3;
    private static final int CLIENTS = 4;

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedCommandSurvivesKillNineAndEveryViewConvergesToItsRebuild() throws Exception {
        Random random = new Random();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        String province = "tinh-crash";
        int port = PackagedService.freePort();
        PackagedService service = start(port, "first");
        service.post("/api/v1/units", "{\"id\":\"" + province + "\",\"name\":\"Tỉnh\",\"kind\":\"PROVINCE\",\"validFrom\":\"2020-01-01\"}");
        acknowledged.add(province);

        for (int kill = 1; kill <= KILLS; kill++) {
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            PackagedService target = service;
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    while (running.get()) {
                        String id = "xa-" + UUID.randomUUID().toString().substring(0, 12);
                        try {
                            int status = target.post("/api/v1/units", "{\"id\":\"" + id + "\",\"name\":\"Xã\",\"kind\":\"COMMUNE\","
                                    + "\"parentId\":\"" + province + "\",\"validFrom\":\"2020-01-01\"}");
                            if (status / 100 == 2) {
                                acknowledged.add(id);
                            }
                        } catch (IOException | InterruptedException e) {
                            // the service died under the request: no answer, no promise
                        }
                    }
                });
            }
            Thread.sleep(1_500 + random.nextInt(3_000));
            service.kill();
            running.set(false);
            clients.shutdown();
            clients.awaitTermination(30, TimeUnit.SECONDS);
            service = start(port, "after kill " + kill);
        }

        try (PackagedService survivor = service) {
            survivor.awaitProjectionsCaughtUp();
            assertThat(survivor.withoutEvents(acknowledged)).as("acknowledged commands without their event, of %d", acknowledged.size()).isEmpty();
            assertThat(acknowledged.size()).as("commands acknowledged across the kills").isGreaterThan(KILLS * 5);

            JsonNode verify = survivor.get("/api/v1/audit/verify");
            assertThat(verify.get("ok").asBoolean()).as("log verification: %s", verify).isTrue();
            assertThat(survivor.rebuildDifferences()).as("projections unequal to their rebuild after the kills").isEmpty();
            System.out.printf("crash test: %d commands acknowledged across %d kill -9, all in the log; log verifies; "
                                      + "every projection equals its rebuild%n", acknowledged.size(), KILLS);
        }
    }

    private PackagedService start(int port, String label) throws Exception {
        return PackagedService.start(port, label, data, List.of("--xhht.data-dir=" + data.resolve("data"),
                                                                "--xhht.security.users-file=" + data.resolve("no-users.yml"),
                                                                "--xhht.audit.checkpoint-interval=PT0.5S"));
    }
}
