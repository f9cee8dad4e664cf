package vn.xhht.ledger.infrastructure.benchmark;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import vn.xhht.ledger.infrastructure.admin.ProjectionRebuilds;

import java.util.Locale;

/**
 * A rebuild of a million events (issue #5: under 2 minutes on the memory backend). The log — a province's 3,321
 * communes and 100,000 villages, then recognition batches of three titles over three years for every village and the
 * communes' baselines, about 1,010,000 events — is stored while the live processors are stopped, so that storing it
 * does not wait for them. Then the indicator view's processor alone builds the live view, and a verified rebuild
 * replays the whole log through the indicator view into a scratch database and compares its documents with the live
 * ones: it must answer {@code equal: true}. Against the raw driver reading the same log once.
 * Options: {@code -Dbench.rebuild.villages=N}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
                properties = {"xhht.mongodb.embedded.backend=memory",
                              "xhht.security.users-file=target/no-such-users-file.yml",
                              "logging.level.root=WARN"})
class RebuildBenchmark {

    private static final int COMMUNES = 3_321;
    private static final int VILLAGES = Integer.getInteger("bench.rebuild.villages", 100_000);

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MongoDatabase eventDatabase;
    @Autowired
    ProjectionRebuilds rebuilds;

    @Test
    void printFigures() {
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        long start = System.nanoTime();
        long events = ProvinceLog.store(new GeneratedEvents(eventStore), COMMUNES, VILLAGES);
        System.out.printf(Locale.ROOT, "%nXHHT Ledger rebuild benchmark (%d cores, heap max %,d MiB)%n",
                          Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "  stored %,d events in %.1f s (live processors stopped)%n", events, seconds(start));

        start = System.nanoTime();
        long raw = 0;
        for (org.bson.Document commit : eventDatabase.getCollection("events").find().batchSize(20)) {
            raw += commit.getList("events", org.bson.Document.class).size();
        }
        double rawSeconds = seconds(start);
        System.out.printf(Locale.ROOT, "  raw driver reading the %,d events once: %.1f s (%,.0f events/s)%n", raw, rawSeconds,
                          raw / rawSeconds);

        start = System.nanoTime();
        TrackingEventProcessor indicators = processing.eventProcessor("indicators", TrackingEventProcessor.class).orElseThrow();
        indicators.start();
        ProvinceLog.awaitCaughtUp(eventStore, indicators);
        double caughtUp = seconds(start);
        System.out.printf(Locale.ROOT, "  live indicator view built by its processor alone: %.1f s, %,.0f events/s%n", caughtUp,
                          events / caughtUp);

        start = System.nanoTime();
        ProjectionRebuilds.Result verified = rebuilds.rebuild("indicators");
        double rebuilt = seconds(start);
        System.out.printf(Locale.ROOT, "  verified rebuild (the indicator view replayed into a scratch database and "
                                       + "compared with the live one):%n    %,d events in %.1f s, %,.0f events/s, "
                                       + "equal: %s, %.0fx the raw read (target: 1,000,000 events in 120 s)%s%n",
                          verified.events(), rebuilt, verified.events() / rebuilt, verified.equal(), rebuilt / rawSeconds,
                          verified.equal() ? "" : " " + verified.differences());
        Runtime.getRuntime().gc();
        System.out.printf(Locale.ROOT, "  heap in use after GC: %,d MiB%n",
                          (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        org.assertj.core.api.Assertions.assertThat(verified.equal())
                                      .as("the rebuilt indicator view equals the live one: %s", verified.differences()).isTrue();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
