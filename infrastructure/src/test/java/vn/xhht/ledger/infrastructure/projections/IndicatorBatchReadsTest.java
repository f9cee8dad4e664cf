package vn.xhht.ledger.infrastructure.projections;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.ResultMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.figures.FigureMessages.RecognitionBatchRecordedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitRegisteredEvent;
import vn.xhht.ledger.domain.unit.UnitKind;
import vn.xhht.ledger.infrastructure.admin.BatchDelivery;
import vn.xhht.ledger.query.indicator.IndicatorProjection;
import vn.xhht.ledger.query.indicator.IndicatorTableCache;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the live indicator view asks the database for a batch of facts: the units and figures the batch will look up
 * are read ahead together, not one round trip each as its events need them — most of a catch-up's time went there.
 */
class IndicatorBatchReadsTest {

    private CountedMongo mongo;
    private long position;

    @BeforeEach
    void start() {
        mongo = new CountedMongo();
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void aBatchOfFactsAtAHundredVillagesReadsWhatItNeedsInAFewQueriesAfterARestart() {
        List<EventMessage<?>> registrations = new ArrayList<>(List.of(
                event("tinh", new UnitRegisteredEvent("tinh", "Tỉnh", UnitKind.PROVINCE, null, LocalDate.of(2020, 1, 1)))));
        for (int c = 0; c < 10; c++) {
            registrations.add(event("xa-" + c, new UnitRegisteredEvent("xa-" + c, "Xã", UnitKind.COMMUNE, "tinh",
                                                                        LocalDate.of(2020, 1, 1))));
        }
        for (int v = 0; v < 100; v++) {
            registrations.add(event("ap-" + v, new UnitRegisteredEvent("ap-" + v, "Ấp", UnitKind.VILLAGE, "xa-" + v % 10,
                                                                        LocalDate.of(2020, 1, 1))));
        }
        deliver(newProjection(), registrations);
        List<EventMessage<?>> batches = new ArrayList<>();
        for (int v = 0; v < 100; v++) {
            String batch = "lo-" + v;
            batches.add(event(batch, new RecognitionBatchRecordedEvent(batch, "ap-" + v, Title.GIA_DINH_HOC_TAP, 2024,
                                                                       40, "1/QĐ", LocalDate.of(2024, 11, 20),
                                                                       LocalDate.of(2024, 12, 31))));
        }
        IndicatorProjection restarted = newProjection(); // nothing in memory: every unit and figure is in the database
        mongo.forget();

        deliver(restarted, batches);

        // without reading ahead: a village, its figure, its commune's, the province's — 200 reads and more
        assertThat(mongo.count("find")).as("reads for 100 facts at 100 villages").isLessThanOrEqualTo(60);
        assertThat(mongo.count("update")).as("writes: journal, figures, units, journal done").isLessThanOrEqualTo(6);
    }

    private IndicatorProjection newProjection() {
        return new IndicatorProjection(mongo.database("view"), new IndicatorTableCache(Duration.ZERO, 1), 2021, 2030);
    }

    private void deliver(IndicatorProjection projection, List<EventMessage<?>> batch) {
        ResultMessage<?> result = BatchDelivery.deliver(new AnnotationEventHandlerAdapter(projection), batch);
        assertThat(result.isExceptional()).as("%s", result.isExceptional() ? result.exceptionResult() : "").isFalse();
        projection.settle();
    }

    private EventMessage<?> event(String aggregate, Object payload) {
        position++;
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position),
                                                      new GenericDomainEventMessage<>("Aggregate", aggregate, 0, payload));
    }
}
