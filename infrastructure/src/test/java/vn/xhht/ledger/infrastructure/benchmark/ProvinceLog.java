package vn.xhht.ledger.infrastructure.benchmark;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import vn.xhht.ledger.domain.figures.FigureMessages;
import vn.xhht.ledger.domain.figures.FigureMessages.Baseline;
import vn.xhht.ledger.domain.figures.FigureMessages.BaselineSetEvent;
import vn.xhht.ledger.domain.figures.FigureMessages.RecognitionBatchRecordedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitRegisteredEvent;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A province's log as the programme writes it: its communes and villages registered, then for each of three years
 * the communes' baselines and a recognition batch of each of three titles for every village (9 × villages + 3 ×
 * communes + villages + communes + 1 events).
 */
final class ProvinceLog {

    private static final List<Title> TITLES = List.of(Title.GIA_DINH_HOC_TAP, Title.DONG_HO_HOC_TAP,
                                                      Title.CONG_DAN_HOC_TAP);
    private static final List<Integer> YEARS = List.of(2022, 2023, 2024);

    private ProvinceLog() {
    }

    /** Stores a new province's log; answers how many events it has. */
    static long store(GeneratedEvents log, int communes, int villages) {
        String province = "tinh-" + UUID.randomUUID().toString().substring(0, 6);
        LocalDate from = LocalDate.of(2020, 1, 1);
        log.add("UnitAggregate", province, 0, new UnitRegisteredEvent(province, "Tỉnh", UnitKind.PROVINCE, null, from));
        for (int c = 0; c < communes; c++) {
            log.add("UnitAggregate", "x-" + c, 0,
                new UnitRegisteredEvent("x-" + c, "Xã " + c, UnitKind.COMMUNE, province, from));
        }
        for (int v = 0; v < villages; v++) {
            log.add("UnitAggregate", "v-" + v, 0,
                new UnitRegisteredEvent("v-" + v, "Ấp " + v, UnitKind.VILLAGE, "x-" + (v % communes), from));
        }
        for (int year : YEARS) {
            for (int c = 0; c < communes; c++) {
                log.add("BaselineAggregate", FigureMessages.baselineId("x-" + c, year), 0,
                    new BaselineSetEvent("x-" + c, year, new Baseline(9_000L, 300L, 30L, 20L, 30_000L, 20_000L), null));
            }
            for (Title title : TITLES) {
                for (int v = 0; v < villages; v++) {
                    String batch = UUID.randomUUID().toString();
                    log.add("RecognitionBatchAggregate", batch, 0, new RecognitionBatchRecordedEvent(
                            batch, "v-" + v, title, year, 50 + v % 100, "12/QĐ-UBND", LocalDate.of(year, 11, 20),
                            LocalDate.of(year, 12, 31)));
                }
            }
        }
        return log.flush();
    }

    /** Waits until every segment of the processor has handled the log's last event. */
    static void awaitCaughtUp(EventStore eventStore, StreamingEventProcessor processor) {
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
}
