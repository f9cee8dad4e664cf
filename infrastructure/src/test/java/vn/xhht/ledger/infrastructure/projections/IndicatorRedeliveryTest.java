package vn.xhht.ledger.infrastructure.projections;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
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
    void aBatchInterruptedAfterItsJournalIsWrittenByTheNextRunAndCountedOnce() {
        EventMessage<?> province = registered("tinh", UnitKind.PROVINCE, null, token(1));
        EventMessage<?> a = registered("xa-a", UnitKind.COMMUNE, "tinh", token(2));
        handle(province);
        // the node dies after the batch's journal is stored and before its figures are: no figure write reaches the
        // database, and the processor's token stays before the batch
        MongoDatabase live = database;
        database = failingWritesTo(live, "indicator_figures");
        projection = newProjection();
        ResultMessage<?> interrupted = BatchDelivery.deliver(new AnnotationEventHandlerAdapter(projection), List.of(a));
        assertThat(interrupted.isExceptional()).as("the interrupted batch fails").isTrue();
        database = live;
        projection = newProjection(); // the next run: the batch is delivered again, after its journal
        handle(a, registered("xa-b", UnitKind.COMMUNE, "tinh", token(3)));

        assertThat(communesUnder("tinh")).isEqualTo(2);
    }

    /** The database, except that every bulk write to {@code collection} fails as a dead node's would. */
    private static MongoDatabase failingWritesTo(MongoDatabase database, String collection) {
        return (MongoDatabase) java.lang.reflect.Proxy.newProxyInstance(
                MongoDatabase.class.getClassLoader(), new Class<?>[] {MongoDatabase.class}, (proxy, method, args) -> {
                    Object answer = method.invoke(database, args);
                    if (method.getName().equals("getCollection") && collection.equals(args[0])) {
                        Object target = answer;
                        return java.lang.reflect.Proxy.newProxyInstance(
                                MongoCollection.class.getClassLoader(), new Class<?>[] {MongoCollection.class},
                                (p, m, a) -> m.getName().equals("bulkWrite")
                                        ? Mono.error(new java.io.IOException("the node died"))
                                        : m.invoke(target, a));
                    }
                    return answer;
                });
    }

    private IndicatorProjection newProjection() {
        return new IndicatorProjection(database, new IndicatorTableCache(Duration.ZERO, 1), 2021, 2030);
    }

    private long communesUnder(String unit) {
        Document figure = Mono.from(database.getCollection("indicator_figures").find(eq("_id", unit + "|2023")).first()).block();
        assertThat(figure).as("the figures of %s", unit).isNotNull();
        Document figures = Packed.unpack(figure.get("f"));
        return figures.get("q", Document.class).get("U_COMMUNE", Document.class).get("k", Number.class).longValue();
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
    }
}
