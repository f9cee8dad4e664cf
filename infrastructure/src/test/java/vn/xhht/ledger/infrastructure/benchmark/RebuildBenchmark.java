package vn.xhht.ledger.infrastructure.benchmark;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import vn.xhht.ledger.domain.figures.FigureMessages;
import vn.xhht.ledger.domain.figures.FigureMessages.Baseline;
import vn.xhht.ledger.domain.figures.FigureMessages.BaselineSetEvent;
import vn.xhht.ledger.domain.figures.FigureMessages.RecognitionBatchRecordedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitRegisteredEvent;
import vn.xhht.ledger.domain.unit.UnitKind;
import vn.xhht.ledger.infrastructure.admin.ProjectionRebuilds;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

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
    private static final List<Title> TITLES = List.of(Title.GIA_DINH_HOC_TAP, Title.DONG_HO_HOC_TAP,
                                                      Title.CONG_DAN_HOC_TAP);
    private static final List<Integer> YEARS = List.of(2022, 2023, 2024);

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
        long events = generate();
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
        awaitCaughtUp(indicators);
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

    private void awaitCaughtUp(TrackingEventProcessor processor) {
        long head = eventStore.createHeadToken().position().orElse(0);
        while (!processor.processingStatus().values().stream()
                          .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head)
                || processor.processingStatus().isEmpty()) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private long generate() {
        GeneratedEvents log = new GeneratedEvents(eventStore);
        String province = "tinh-" + UUID.randomUUID().toString().substring(0, 6);
        LocalDate from = LocalDate.of(2020, 1, 1);
        log.add("UnitAggregate", province, 0, new UnitRegisteredEvent(province, "Tỉnh", UnitKind.PROVINCE, null, from));
        for (int c = 0; c < COMMUNES; c++) {
            log.add("UnitAggregate", "x-" + c, 0,
                new UnitRegisteredEvent("x-" + c, "Xã " + c, UnitKind.COMMUNE, province, from));
        }
        for (int v = 0; v < VILLAGES; v++) {
            log.add("UnitAggregate", "v-" + v, 0,
                new UnitRegisteredEvent("v-" + v, "Ấp " + v, UnitKind.VILLAGE, "x-" + (v % COMMUNES), from));
        }
        for (int year : YEARS) {
            for (int c = 0; c < COMMUNES; c++) {
                log.add("BaselineAggregate", FigureMessages.baselineId("x-" + c, year), 0,
                    new BaselineSetEvent("x-" + c, year, new Baseline(9_000L, 300L, 30L, 20L, 30_000L, 20_000L), null));
            }
            for (Title title : TITLES) {
                for (int v = 0; v < VILLAGES; v++) {
                    String batch = UUID.randomUUID().toString();
                    log.add("RecognitionBatchAggregate", batch, 0, new RecognitionBatchRecordedEvent(
                            batch, "v-" + v, title, year, 50 + v % 100, "12/QĐ-UBND", LocalDate.of(year, 11, 20),
                            LocalDate.of(year, 12, 31)));
                }
            }
        }
        return log.flush();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
