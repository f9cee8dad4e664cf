package vn.xhht.ledger.infrastructure.projections;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.bson.Document;
import vn.xhht.ledger.query.support.Packed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitRegisteredEvent;
import vn.xhht.ledger.domain.unit.UnitKind;
import vn.xhht.ledger.infrastructure.admin.BatchDelivery;
import vn.xhht.ledger.query.indicator.IndicatorProjection;
import vn.xhht.ledger.query.indicator.IndicatorTableCache;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indicator view under the delivery orders a gap-aware log produces: an event committed late fills a gap below
 * positions already handled (several writers, or two nodes with their own position blocks), and after a crash or a
 * takeover the last batch is delivered again. Each event must count exactly once.
 */
class IndicatorRedeliveryTest {

    private MongoServer server;
    private MongoClient client;
    private IndicatorProjection projection;
    private MongoDatabase database;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bind().getHostString() + ":" + server.getLocalAddress().getPort());
        database = client.getDatabase("view");
        projection = newProjection();
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void anEventFillingAGapBelowTheLastHandledPositionIsCounted() {
        handle(registered("tinh", UnitKind.PROVINCE, null, token(1)),
               registered("xa-a", UnitKind.COMMUNE, "tinh", token(3, 2L)));
        handle(registered("xa-b", UnitKind.COMMUNE, "tinh", token(3)));

        assertThat(communesUnder("tinh")).isEqualTo(2);
    }

    @Test
    void aBatchDeliveredAgainAfterATakeoverIsNotCountedTwice() {
        EventMessage<?> province = registered("tinh", UnitKind.PROVINCE, null, token(1));
        EventMessage<?> late = registered("xa-b", UnitKind.COMMUNE, "tinh", token(3));
        EventMessage<?> first = registered("xa-a", UnitKind.COMMUNE, "tinh", token(3, 2L));
        handle(province, first);
        handle(late); // the view has it; the node dies before its token is stored
        projection = newProjection(); // another node takes over from the token stored after the first batch
        handle(late, registered("xa-c", UnitKind.COMMUNE, "tinh", token(4)));

        assertThat(communesUnder("tinh")).isEqualTo(3);
    }

    @Test
    void aBatchDeliveredAgainSplitAroundALateEventIsNotCountedTwice() {
        EventMessage<?> province = registered("tinh", UnitKind.PROVINCE, null, token(1));
        EventMessage<?> a = registered("xa-a", UnitKind.COMMUNE, "tinh", token(2));
        EventMessage<?> b = registered("xa-b", UnitKind.COMMUNE, "tinh", token(4, 3L));
        handle(province);
        handle(a, b); // written; the node dies before its token is stored
        projection = newProjection();
        // the next node reads the same events again, and one committed late in between: its batches split differently
        handle(a, registered("xa-late", UnitKind.COMMUNE, "tinh", token(3)));
        handle(b);

        assertThat(communesUnder("tinh")).isEqualTo(3);
    }

    @Test
    void aBatchWhoseFiguresNeverLandedIsAppliedFromItsJournalByTheNextRunAndCountedOnce() {
        EventMessage<?> province = registered("tinh", UnitKind.PROVINCE, null, token(1));
        EventMessage<?> a = registered("xa-a", UnitKind.COMMUNE, "tinh", token(2));
        handle(province);
        // the batch's journal entry is stored, then the node dies before its figures land: no figure write reaches
        // the database
        MongoDatabase live = database;
        database = InterceptedWrites.failing(live, "indicator_figures", () -> true);
        projection = newProjection();
        handle(a);
        projection.forgetCachedDocuments();
        assertThat(journal().getBoolean("pending")).as("the journal holds the batch").isTrue();
        database = live;
        projection = newProjection(); // the next run: the journal is applied; the batch is delivered again, after it
        handle(a, registered("xa-b", UnitKind.COMMUNE, "tinh", token(3)));

        assertThat(communesUnder("tinh")).isEqualTo(2);
    }

    @Test
    void aBatchWhoseFiguresFailedToLandIsAppliedAgainBeforeTheNextBatch() {
        handle(registered("tinh", UnitKind.PROVINCE, null, token(1)));
        MongoDatabase live = database;
        boolean[] failing = {true};
        database = InterceptedWrites.failing(live, "indicator_figures", () -> failing[0]);
        projection = newProjection();
        ResultMessage<?> acknowledged = BatchDelivery.deliver(new AnnotationEventHandlerAdapter(projection),
                                                              List.of(registered("xa-a", UnitKind.COMMUNE, "tinh", token(2))));
        assertThat(acknowledged.isExceptional()).as("its journal entry is stored").isFalse();
        failing[0] = false;
        EventMessage<?> next = registered("xa-b", UnitKind.COMMUNE, "tinh", token(3));
        ResultMessage<?> refused = BatchDelivery.deliver(new AnnotationEventHandlerAdapter(projection), List.of(next));
        assertThat(refused.isExceptional()).as("the next batch learns that the last one did not land").isTrue();
        handle(next); // delivered again: the journal's entry is applied first

        assertThat(communesUnder("tinh")).isEqualTo(2);
    }

    @Test
    void aNodeWhoseViewAnotherNodeWroteMeanwhileRefusesItsBatchAndHandlesItAgainFromTheStoredView() {
        handle(registered("tinh", UnitKind.PROVINCE, null, token(1)),
               registered("xa-a", UnitKind.COMMUNE, "tinh", token(2)));
        IndicatorProjection first = projection;
        projection = newProjection(); // another node takes the view over and writes a batch
        handle(registered("xa-b", UnitKind.COMMUNE, "tinh", token(3)));
        projection.forgetCachedDocuments();
        projection = first; // the first node comes back with the province as it held it: one commune
        EventMessage<?> next = registered("xa-c", UnitKind.COMMUNE, "tinh", token(4));
        ResultMessage<?> refused = BatchDelivery.deliver(new AnnotationEventHandlerAdapter(projection), List.of(next));
        assertThat(refused.isExceptional()).as("a batch worked from documents held before the other node wrote").isTrue();
        handle(next);

        assertThat(communesUnder("tinh")).isEqualTo(3);
    }

    @Test
    void aBatchIsAcknowledgedOnceItsJournalEntryIsStoredWhileItsFiguresStillLand() throws Exception {
        handle(registered("tinh", UnitKind.PROVINCE, null, token(1)));
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        MongoDatabase live = database;
        database = InterceptedWrites.held(live, "indicator_figures", held);
        projection = newProjection();
        java.util.concurrent.CompletableFuture<ResultMessage<?>> delivered = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> BatchDelivery.deliver(new AnnotationEventHandlerAdapter(projection),
                                            List.of(registered("xa-a", UnitKind.COMMUNE, "tinh", token(2)))));
        try {
            ResultMessage<?> result = delivered.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(result.isExceptional()).isFalse();
            assertThat(journal().getBoolean("pending")).as("the batch is durable in the journal").isTrue();
            assertThat(communesUnder("tinh")).as("its figures have not landed yet").isZero();
            assertThat(projection.landing()).as("what another thread waits on before reading the view").isNotDone();
        } finally {
            held.countDown();
        }
        projection.landing().get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(communesUnder("tinh")).isEqualTo(1);
        assertThat(journal().getBoolean("pending")).isFalse();
    }

    private Document journal() {
        return Mono.from(database.getCollection("indicator_journal").find(eq("_id", "journal")).first()).block();
    }

    private IndicatorProjection newProjection() {
        return new IndicatorProjection(database, new IndicatorTableCache(Duration.ZERO, 1), 2021, 2030);
    }

    private long communesUnder(String unit) {
        Document figure = Mono.from(database.getCollection("indicator_figures").find(eq("_id", unit + "|2023")).first()).block();
        if (figure == null) {
            return 0;
        }
        Document figures = Packed.unpack(figure.get("f"));
        Document communes = figures.get("q", Document.class).get("U_COMMUNE", Document.class);
        return communes == null ? 0 : communes.get("k", Number.class).longValue();
    }

    /** The token of an event as the log delivers it: the highest position seen, and the positions still missing below. */
    private static GapAwareTrackingToken token(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, List.of(gaps));
    }

    private static EventMessage<?> registered(String id, UnitKind kind, String parent,
                                              GapAwareTrackingToken token) {
        UnitRegisteredEvent event = new UnitRegisteredEvent(id, id, kind, parent, LocalDate.of(2020, 1, 1));
        return new GenericTrackedDomainEventMessage<>(token, new GenericDomainEventMessage<>(
                "UnitAggregate", id, 0, event));
    }

    /** One batch, as a tracking processor delivers it. */
    private void handle(EventMessage<?>... batch) {
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(projection);
        ResultMessage<?> result = BatchDelivery.deliver(handler, List.of(batch));
        assertThat(result.isExceptional()).as("%s", result.isExceptional() ? result.exceptionResult() : "").isFalse();
        projection.settle();
    }
}
