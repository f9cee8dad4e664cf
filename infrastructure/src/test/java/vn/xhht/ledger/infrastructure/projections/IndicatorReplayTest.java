package vn.xhht.ledger.infrastructure.projections;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import vn.xhht.ledger.domain.figures.FigureMessages.RecognitionBatchRecordedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitRegisteredEvent;
import vn.xhht.ledger.domain.unit.UnitKind;
import vn.xhht.ledger.infrastructure.admin.BatchDelivery;
import vn.xhht.ledger.infrastructure.mongo.EmbeddedMongo;
import vn.xhht.ledger.query.indicator.IndicatorProjection;
import vn.xhht.ledger.query.indicator.IndicatorTableCache;
import vn.xhht.ledger.query.support.ViewBatch;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay of the indicator view holding fewer figures than it touches writes out those it used least recently and
 * reads them back when an event needs them again: it ends with exactly the live view's figures and pages.
 */
class IndicatorReplayTest {

    private EmbeddedMongo server;
    private MongoClient client;

    @BeforeEach
    void start() {
        server = EmbeddedMongo.memory();
        client = MongoClients.create(server.connectionString());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void aReplayWritingOutFiguresToMakeRoomEndsWithTheLiveViewsDocuments() {
        MongoDatabase liveDatabase = client.getDatabase("live");
        MongoDatabase replayDatabase = client.getDatabase("replay");
        IndicatorProjection living = new IndicatorProjection(liveDatabase, new IndicatorTableCache(Duration.ZERO, 1),
                                                             2021, 2030);
        AnnotationEventHandlerAdapter live = new AnnotationEventHandlerAdapter(living);
        IndicatorProjection replaying = new IndicatorProjection(replayDatabase, new IndicatorTableCache(Duration.ZERO, 1),
                                                                2021, 2030, ViewBatch.Mode.REPLAY, 4);
        AnnotationEventHandlerAdapter replay = new AnnotationEventHandlerAdapter(replaying);

        List<EventMessage<?>> log = new ArrayList<>();
        log.add(registered("tinh", UnitKind.PROVINCE, null));
        for (int c = 0; c < 3; c++) {
            log.add(registered("xa-" + c, UnitKind.COMMUNE, "tinh"));
            for (int v = 0; v < 3; v++) {
                log.add(registered("ap-" + c + v, UnitKind.VILLAGE, "xa-" + c));
            }
        }
        for (int round = 0; round < 8; round++) { // the same villages again: their figures were written out meanwhile
            for (int year = 2022; year <= 2023; year++) {
                for (int c = 0; c < 3; c++) {
                    for (int v = 0; v < 3; v++) {
                        log.add(batch("ap-" + c + v, year, 10 + round + c + v));
                    }
                }
            }
        }
        for (int from = 0; from < log.size(); from += 5) {
            List<EventMessage<?>> batch = log.subList(from, Math.min(log.size(), from + 5));
            handle(live, batch);
            handle(replay, batch);
        }
        replaying.finishReplay();
        living.settle();

        for (String collection : List.of("indicator_figures", "indicator_figure_versions", "indicator_units")) {
            assertThat(all(replayDatabase, collection)).as(collection).isEqualTo(all(liveDatabase, collection))
                                                       .isNotEmpty();
        }
        assertThat(all(liveDatabase, "indicator_figures")).as("more figures than the replay held").hasSizeGreaterThan(4);
    }

    private static Map<Object, Document> all(MongoDatabase database, String collection) {
        return Flux.from(database.getCollection(collection).find()).collectMap(document -> document.get("_id")).block();
    }

    private static EventMessage<?> registered(String id, UnitKind kind, String parent) {
        return new GenericDomainEventMessage<>("UnitAggregate", id, 0,
                                               new UnitRegisteredEvent(id, id, kind, parent, LocalDate.of(2020, 1, 1)));
    }

    private static EventMessage<?> batch(String village, int year, long count) {
        String id = village + "-" + year + "-" + count;
        return new GenericDomainEventMessage<>("RecognitionBatchAggregate", id, 0, new RecognitionBatchRecordedEvent(
                id, village, Title.GIA_DINH_HOC_TAP, year, count, "12/QĐ-UBND", LocalDate.of(year, 11, 20),
                LocalDate.of(year, 12, 31)));
    }

    private static void handle(AnnotationEventHandlerAdapter projection, List<EventMessage<?>> batch) {
        ResultMessage<?> result = BatchDelivery.deliver(projection, batch);
        assertThat(result.isExceptional()).as("%s", result.isExceptional() ? result.exceptionResult() : "").isFalse();
    }
}
