package vn.xhht.ledger.infrastructure.benchmark;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import vn.xhht.ledger.query.Views;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Live views after downtime: a backlog stored while every processor is stopped (a province's log,
 * {@link ProvinceLog}, two events to a commit as commands write them — a fact and its admission), then each view's
 * live processor alone catches it up, from where it stopped, and is timed. Against the raw driver reading the same
 * commits once, and the target of 10,000 events per second. Options: {@code -Dbench.catchup.villages=N}
 * ({@code -Dbench.catchup.communes=N}), {@code -Dbench.catchup.views=history,indicators}; the backend:
 * {@code -Dbench.catchup.backend=h2}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
                properties = {"xhht.mongodb.embedded.backend=${bench.catchup.backend:memory}",
                              "xhht.data-dir=target/catch-up-benchmark-${random.uuid}",
                              "xhht.security.users-file=target/no-such-users-file.yml",
                              "logging.level.root=WARN"})
class CatchUpBenchmark {

    private static final int COMMUNES = Integer.getInteger("bench.catchup.communes", 1_000);
    private static final int VILLAGES = Integer.getInteger("bench.catchup.villages", 10_000);
    private static final double TARGET = 10_000;
    /** The views to time (all when unset): {@code -Dbench.catchup.views=history,indicators}. */
    private static final List<String> ONLY = System.getProperty("bench.catchup.views", "").isBlank() ? List.of()
            : List.of(System.getProperty("bench.catchup.views").split(","));

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MongoDatabase eventDatabase;

    @Test
    void printFigures() {
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        long start = System.nanoTime();
        long events = ProvinceLog.store(new GeneratedEvents(eventStore, 2), COMMUNES, VILLAGES);
        System.out.printf(Locale.ROOT, "%nXHHT Ledger live views after downtime (%d cores, %s backend)%n",
                          Runtime.getRuntime().availableProcessors(), System.getProperty("bench.catchup.backend", "memory"));
        System.out.printf(Locale.ROOT, "  a backlog of %,d events (%,d communes, %,d villages; two to a commit) stored in %.1f s "
                                       + "with every processor stopped%n", events, COMMUNES, VILLAGES, seconds(start));

        start = System.nanoTime();
        long raw = 0;
        for (org.bson.Document commit : eventDatabase.getCollection("events").find().batchSize(1_000)) {
            raw += commit.getList("events", org.bson.Document.class).size();
        }
        double rawRate = raw / seconds(start);
        System.out.printf(Locale.ROOT, "  raw driver reading the %,d events once: %,.0f events/s%n", raw, rawRate);
        System.out.printf(Locale.ROOT, "  each view's live processor alone, from where it stopped to the log's head (target %,.0f events/s):%n",
                          TARGET);

        List<String> below = new ArrayList<>();
        for (Views.View view : Views.ALL) {
            if (!ONLY.isEmpty() && !ONLY.contains(view.name())) {
                continue;
            }
            StreamingEventProcessor processor = processing.eventProcessor(view.name(), StreamingEventProcessor.class).orElse(null);
            if (processor == null) {
                System.out.printf(Locale.ROOT, "    %-18s no streaming processor%n", view.name());
                continue;
            }
            start = System.nanoTime();
            processor.start();
            ProvinceLog.awaitCaughtUp(eventStore, processor);
            double rate = events / seconds(start);
            processor.shutDown();
            System.out.printf(Locale.ROOT, "    %-18s %,8.0f events/s  (%3.0f%% of the raw read) %s%n", view.name(), rate,
                              100 * rate / rawRate, rate >= TARGET ? "MET" : "NOT MET");
            if (rate < TARGET) {
                below.add(view.name());
            }
        }
        System.out.printf(Locale.ROOT, "  views below the target: %s%n", below.isEmpty() ? "none" : String.join(", ", below));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
