package vn.xhht.ledger.infrastructure.projections;

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
import reactor.core.publisher.Mono;
import vn.xhht.ledger.domain.figures.FigureMessages.RecognitionBatchRecordedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitRegisteredEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitMovedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitRenamedEvent;
import vn.xhht.ledger.domain.unit.UnitKind;
import vn.xhht.ledger.infrastructure.admin.BatchDelivery;
import vn.xhht.ledger.query.support.ViewBatch;
import vn.xhht.ledger.query.unit.UnitProjection;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A projection's batch (ViewBatch) through the unit view: what it reads and writes per batch of events, when, and what
 * it leaves when the batch fails.
 */
class ViewBatchTest {

    private CountedMongo mongo;
    private MongoDatabase database;

    @BeforeEach
    void start() {
        mongo = new CountedMongo();
        database = mongo.database("view");
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void aBatchOfEventsIsReadAheadWithAQueryPerSixteenDocumentsAndWrittenWithOneBulkWritePerCollection() {
        AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(new UnitProjection(database));
        handle(projection, communeWithVillages(100));
        mongo.forget();

        List<EventMessage<?>> renames = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            renames.add(renamed("ap-" + i, "Ấp số " + i, 1));
        }
        handle(projection, renames);

        assertThat(count("find")).as("reads for 100 events: an $in per 16 records").isEqualTo(7);
        // the parent's children entries, the record-time versions, the records
        assertThat(count("update") + count("insert")).as("writes for 100 events").isEqualTo(3);
        assertThat(record("ap-42").toJson()).contains("Ấp số 42");
        assertThat(versions("ap-42")).containsExactlyInAnyOrder("ap-42|0", "ap-42|1");
    }

    @Test
    void documentsABatchReadAbsentAreInsertedAndThoseItFoundReplaced() {
        AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(new UnitProjection(database));
        handle(projection, communeWithVillages(20));

        // the records and their versions inserted; the parent's children entries set
        assertThat(count("insert")).as("inserts").isEqualTo(2);
        assertThat(count("update")).as("updates").isEqualTo(1);

        mongo.forget();
        handle(projection, List.of(renamed("ap-3", "Ấp ba", 1), registered("ap-20", UnitKind.VILLAGE, "xa", 0)));

        assertThat(record("ap-3").toJson()).contains("Ấp ba");
        assertThat(record("ap-20")).isNotNull();
        assertThat(versions("ap-3")).containsExactlyInAnyOrder("ap-3|0", "ap-3|1");
    }

    @Test
    void aBatchEndingWithAnEventTheViewDoesNotUseIsStillWritten() {
        AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(new UnitProjection(database));

        handle(projection, List.of(registered("xa", UnitKind.COMMUNE, null, 0),
                                   new GenericDomainEventMessage<>("RecognitionBatchAggregate", "lo-1", 0,
                                           new RecognitionBatchRecordedEvent("lo-1", "xa", Title.GIA_DINH_HOC_TAP, 2023, 10,
                                                                             "1/QĐ", LocalDate.of(2023, 5, 1),
                                                                             LocalDate.of(2023, 12, 31)))));

        assertThat(record("xa")).isNotNull();
    }

    @Test
    void twoEventsOfOneUnitInOneBatchLeaveTheLaterStateAndBothVersions() {
        AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(new UnitProjection(database));

        handle(projection, List.of(registered("xa", UnitKind.COMMUNE, null, 0), renamed("xa", "Xã Mới", 1)));

        assertThat(record("xa").get("version", Number.class).longValue()).isEqualTo(1);
        assertThat(record("xa").toJson()).contains("Xã Mới");
        assertThat(versions("xa")).containsExactlyInAnyOrder("xa|0", "xa|1");
    }

    @Test
    void aBatchThatFailsWritesNothingAndIsHandledAgainToTheSameDocuments() {
        AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(new UnitProjection(database));
        List<EventMessage<?>> batch = List.of(registered("xa", UnitKind.COMMUNE, null, 0),
                                              registered("ap", UnitKind.VILLAGE, "xa", 0),
                                              renamed("nobody", "Không có", 1)); // no such unit: the handler fails

        ResultMessage<?> failed = run(projection, batch);

        assertThat(failed.isExceptional()).isTrue();
        assertThat(record("xa")).isNull();
        assertThat(Mono.from(database.getCollection("unit_children").countDocuments()).block()).isZero();

        handle(projection, batch.subList(0, 2)); // the batch again, as Axon retries it, without the failing event
        handle(projection, batch.subList(0, 2)); // and delivered twice (a takeover): the same documents
        assertThat(record("ap")).isNotNull();
        assertThat(Mono.from(database.getCollection("unit_children").find(eq("_id", "xa")).first()).block()
                       .get("children", Document.class).keySet()).containsExactly("ap");
        assertThat(versions("ap")).containsExactly("ap|0");
    }

    @Test
    void aBatchInterruptedAfterItsVersionsWereWrittenIsHandledAgainOverThem() {
        List<EventMessage<?>> batch = List.of(registered("xa", UnitKind.COMMUNE, null, 0),
                                              registered("ap", UnitKind.VILLAGE, "xa", 0));
        // the node dies after the versions are written and before the records that mark the events handled
        MongoDatabase dying = InterceptedWrites.failing(database, "unit_records", () -> true);
        ResultMessage<?> interrupted = run(new AnnotationEventHandlerAdapter(new UnitProjection(dying)), batch);
        assertThat(interrupted.isExceptional()).isTrue();
        assertThat(versions("ap")).as("written before the failure").containsExactly("ap|0");

        List<EventMessage<?>> again = new ArrayList<>(batch);
        again.add(registered("ap-2", UnitKind.VILLAGE, "xa", 0)); // the next run, its batch one event longer
        handle(new AnnotationEventHandlerAdapter(new UnitProjection(database)), again);

        assertThat(record("ap")).isNotNull();
        assertThat(versions("ap")).containsExactly("ap|0");
        assertThat(versions("ap-2")).as("inserted beside the versions already there").containsExactly("ap-2|0");
    }

    @Test
    void aReplayHoldingItsDocumentsInMemoryWritesTheSameDocumentsAsTheLiveView() {
        MongoDatabase replayed = mongo.database("replay");
        AnnotationEventHandlerAdapter live = new AnnotationEventHandlerAdapter(new UnitProjection(database));
        UnitProjection replaying = new UnitProjection(replayed, ViewBatch.Mode.REPLAY);
        AnnotationEventHandlerAdapter replay = new AnnotationEventHandlerAdapter(replaying);
        List<List<EventMessage<?>>> batches = List.of(
                List.of(registered("huyen-a", UnitKind.DISTRICT, null, 0), registered("huyen-b", UnitKind.DISTRICT, null, 0),
                        registered("xa-1", UnitKind.COMMUNE, "huyen-a", 0)),
                List.of(registered("xa-2", UnitKind.COMMUNE, "huyen-a", 0), renamed("xa-1", "Xã Một", 1)),
                List.of(new GenericDomainEventMessage<>("UnitAggregate", "xa-2", 1, new UnitMovedEvent(
                        "xa-2", "huyen-b", "huyen-a", LocalDate.of(2025, 7, 1), "sắp xếp")), renamed("xa-2", "Xã Hai", 2)));
        for (List<EventMessage<?>> batch : batches) {
            handle(live, batch);
            handle(replay, batch);
        }
        assertThat(Mono.from(replayed.getCollection("unit_records").countDocuments()).block())
                .as("nothing but versions written before the replay ends").isZero();
        replaying.finishReplay();

        for (String collection : List.of("unit_records", "unit_children", "unit_record_versions")) {
            assertThat(all(replayed, collection)).as(collection).isEqualTo(all(database, collection)).isNotEmpty();
        }
    }

    private static Map<Object, Document> all(MongoDatabase database, String collection) {
        return Flux.from(database.getCollection(collection).find()).collectMap(document -> document.get("_id")).block();
    }

    private int count(String command) {
        return mongo.count(command);
    }

    private Document record(String id) {
        return Mono.from(database.getCollection("unit_records").find(eq("_id", id)).first()).block();
    }

    private List<String> versions(String id) {
        return Flux.from(database.getCollection("unit_record_versions").find())
                   .map(document -> document.getString("_id"))
                   .filter(key -> key.startsWith(id + "|"))
                   .collectList().block();
    }

    private static EventMessage<?> registered(String id, UnitKind kind, String parent, long sequence) {
        return new GenericDomainEventMessage<>("UnitAggregate", id, sequence,
                                               new UnitRegisteredEvent(id, id, kind, parent, LocalDate.of(2020, 1, 1)));
    }

    /** A commune "xa" and its villages "ap-0", "ap-1", … registered. */
    private static List<EventMessage<?>> communeWithVillages(int villages) {
        List<EventMessage<?>> registrations = new ArrayList<>();
        registrations.add(registered("xa", UnitKind.COMMUNE, null, 0));
        for (int i = 0; i < villages; i++) {
            registrations.add(registered("ap-" + i, UnitKind.VILLAGE, "xa", 0));
        }
        return registrations;
    }

    private static EventMessage<?> renamed(String id, String name, long sequence) {
        return new GenericDomainEventMessage<>("UnitAggregate", id, sequence,
                                               new UnitRenamedEvent(id, name, id, LocalDate.of(2024, 1, 1), "đổi tên"));
    }

    private static void handle(AnnotationEventHandlerAdapter projection, List<EventMessage<?>> batch) {
        ResultMessage<?> result = run(projection, batch);
        assertThat(result.isExceptional()).as("%s", result.isExceptional() ? result.exceptionResult() : "").isFalse();
    }

    /** One batch, as a tracking processor delivers it. */
    private static ResultMessage<?> run(AnnotationEventHandlerAdapter projection, List<EventMessage<?>> batch) {
        return BatchDelivery.deliver(projection, batch);
    }
}
