package vn.xhht.ledger.infrastructure.projections;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import vn.xhht.ledger.domain.common.Page;
import vn.xhht.ledger.domain.figures.FigureMessages.RecognitionBatchRecordedEvent;
import vn.xhht.ledger.domain.history.HistoryQueries.FetchSubtreeEventsQuery;
import vn.xhht.ledger.domain.history.HistoryQueries.FetchUnitHistoryQuery;
import vn.xhht.ledger.domain.history.HistoryQueries.HistoryEntry;
import vn.xhht.ledger.domain.history.HistoryQueries.LoggedEvent;
import vn.xhht.ledger.domain.period.PeriodMessages.FactAdmittedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitMergedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitMovedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitRegisteredEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitRenamedEvent;
import vn.xhht.ledger.domain.unit.UnitKind;
import vn.xhht.ledger.infrastructure.admin.BatchDelivery;
import vn.xhht.ledger.infrastructure.config.AxonConfiguration;
import vn.xhht.ledger.infrastructure.eventstore.StoredEventForm;
import vn.xhht.ledger.query.history.HistoryProjection;
import vn.xhht.ledger.query.history.StoredForm;
import vn.xhht.ledger.query.support.ViewBatch;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history view (HistoryProjection) on its own: a unit's history is kept under it and every unit whose subtree it
 * lay in, read a page at a time with a bounded number of reads by key, and brought along when a unit joins a subtree
 * or an aggregate names a unit for the first time.
 */
class HistoryViewTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private CountedMongo mongo;
    private MongoDatabase database;
    private HistoryProjection projection;
    private AnnotationEventHandlerAdapter handler;
    private final Map<String, Long> sequences = new HashMap<>();
    private long position;

    @BeforeEach
    void start() {
        mongo = new CountedMongo();
        database = mongo.database("view");
        projection = new HistoryProjection(database, form());
        handler = new AnnotationEventHandlerAdapter(projection);
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void aDistrictsHistoryPagesNewestFirstAcrossManyPagesWithoutGapsOrRepeatsInAFewReadsByKeyEach() {
        List<Long> expected = new ArrayList<>();
        deliver(registered("tinh", UnitKind.PROVINCE, null), registered("huyen", UnitKind.DISTRICT, "tinh"),
                registered("xa", UnitKind.COMMUNE, "huyen"), registered("ap-1", UnitKind.VILLAGE, "xa"),
                registered("ap-2", UnitKind.VILLAGE, "xa"));
        expected.addAll(List.of(2L, 3L, 4L, 5L));
        for (int batch = 0; batch < 7; batch++) {
            List<EventMessage<?>> events = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                events.add(titles("ap-" + (1 + i % 2)));
                expected.add(position);
                events.add(admitted("ap-" + (1 + i % 2))); // bookkeeping: in the log, in no history
            }
            deliver(events.toArray(EventMessage[]::new));
        }
        List<Long> newestFirst = new ArrayList<>(expected);
        java.util.Collections.reverse(newestFirst);
        Set<String> members = Set.of("huyen", "xa", "ap-1", "ap-2");

        List<Long> read = new ArrayList<>();
        String cursor = null;
        do {
            mongo.forget();
            Page<HistoryEntry> page = history("huyen", members, cursor == null ? Long.MAX_VALUE : Long.parseLong(cursor),
                                              50, null);
            assertThat(count("find")).as("reads for one page").isLessThanOrEqualTo(3);
            page.items().forEach(entry -> read.add(entry.position()));
            cursor = page.next();
        } while (cursor != null);

        assertThat(read).isEqualTo(newestFirst);
        assertThat(history("ap-1", Set.of("ap-1"), Long.MAX_VALUE, 1_000, null).items())
                .hasSize(351).allSatisfy(entry -> assertThat(entry.event().payload().toString()).contains("ap-1"));
    }

    @Test
    void aCommuneMovedToAnotherDistrictBringsItsWholeHistoryInPlaceAmongTheDistrictsOwn() {
        deliver(registered("tinh", UnitKind.PROVINCE, null), registered("huyen-a", UnitKind.DISTRICT, "tinh"),
                registered("huyen-b", UnitKind.DISTRICT, "tinh"), registered("xa", UnitKind.COMMUNE, "huyen-a"),
                registered("ap", UnitKind.VILLAGE, "xa"));
        List<Long> communes = new ArrayList<>(List.of(4L, 5L));
        List<Long> districtB = new ArrayList<>(List.of(3L));
        for (int i = 0; i < 300; i++) {
            if (i % 3 == 0) {
                deliver(renamed("huyen-b", "Huyện B " + i));
                districtB.add(position);
            } else {
                deliver(titles("ap"));
                communes.add(position);
            }
        }
        deliver(moved("xa", "huyen-b", "huyen-a"));
        communes.add(position);

        List<Long> expected = new ArrayList<>(communes);
        expected.addAll(districtB);
        expected.sort(java.util.Comparator.reverseOrder());
        List<Long> read = history("huyen-b", Set.of("huyen-b", "xa", "ap"), Long.MAX_VALUE, 1_000, null).items()
                .stream().map(HistoryEntry::position).toList();
        assertThat(read).isEqualTo(expected);
        assertThat(history("huyen-a", Set.of("huyen-a", "xa", "ap"), Long.MAX_VALUE, 1_000, null).items())
                .as("the district it left keeps it").hasSize(communes.size() + 1);
        assertThat(history("tinh", Set.of("tinh", "huyen-a", "huyen-b", "xa", "ap"), Long.MAX_VALUE, 1_000, null)
                           .items()).as("nothing twice in the province's").hasSize(communes.size() + districtB.size() + 2);
    }

    @Test
    void aCommuneMergedIntoAnotherBringsItsEarlierEventsIntoThatCommunesHistory() {
        deliver(registered("huyen", UnitKind.DISTRICT, null), registered("xa-a", UnitKind.COMMUNE, "huyen"),
                registered("xa-b", UnitKind.COMMUNE, null), renamed("xa-b", "Xã Bê"));
        long registeredB = 3;
        long renamedB = position;
        deliver(event("UnitAggregate", "xa-b", new UnitMergedEvent("xa-b", "xa-a", LocalDate.of(2025, 7, 1), "sáp nhập")));

        assertThat(history("huyen", Set.of("huyen", "xa-a"), Long.MAX_VALUE, 50, null).items())
                .extracting(HistoryEntry::position).containsExactly(position, renamedB, registeredB, 2L, 1L);
    }

    @Test
    void aCommuneMergedAfterMoreThanAPageOfItsOwnEventsBringsEveryOneIntoThatCommunesHistory() {
        deliver(registered("huyen", UnitKind.DISTRICT, null), registered("xa-a", UnitKind.COMMUNE, "huyen"),
                registered("xa-b", UnitKind.COMMUNE, null));
        List<Long> expected = new ArrayList<>(List.of(1L, 2L, 3L));
        for (int batch = 0; batch < 3; batch++) { // 300 events: its first page kept with it, then paged
            List<EventMessage<?>> events = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                events.add(renamed("xa-b", "Xã " + batch + "-" + i));
                expected.add(position);
            }
            deliver(events.toArray(EventMessage[]::new));
        }
        deliver(event("UnitAggregate", "xa-b", new UnitMergedEvent("xa-b", "xa-a", LocalDate.of(2025, 7, 1), "sáp nhập")));
        expected.add(position);
        expected.sort(java.util.Comparator.reverseOrder());

        assertThat(history("huyen", Set.of("huyen", "xa-a"), Long.MAX_VALUE, 1_000, null).items())
                .extracting(HistoryEntry::position).isEqualTo(expected);
        assertThat(history("xa-b", Set.of("xa-b"), Long.MAX_VALUE, 1_000, null).items()).hasSize(302);
    }

    @Test
    void anEventsChangesAreItsAggregatesStateBeforeAndAfterAndItsSentenceSaysWhoDidIt() {
        deliver(registered("xa", UnitKind.COMMUNE, null), renamed("xa", "Xã Mới"));

        HistoryEntry renamed = history("xa", Set.of("xa"), Long.MAX_VALUE, 1, null).items().get(0);

        assertThat(renamed.vi()).isEqualTo("can-bo đổi tên Xã cũ thành Xã Mới từ 2025-01-01");
        assertThat(renamed.event().changes()).extracting(c -> c.field() + ": " + c.before() + " → " + c.after())
                                             .containsExactly("name: Đơn vị xa → Xã Mới",
                                                              "validFrom: 2020-01-01 → 2025-01-01");
        assertThat(renamed.event().actor()).isEqualTo("can-bo");
        assertThat(renamed.event().roles()).isEqualTo(List.of("OFFICER"));
    }

    @Test
    void aPageAsOfAnInstantAndAFilteredLogHoldOnlyWhatWasRecordedByThen() {
        deliver(registered("xa", UnitKind.COMMUNE, null));
        for (int i = 0; i < 200; i++) {
            deliver(titles("xa"));
        }
        Instant asOf = START.plusSeconds(100);

        Page<HistoryEntry> then = history("xa", Set.of("xa"), Long.MAX_VALUE, 500, asOf);
        Page<LoggedEvent> log = events(new FetchSubtreeEventsQuery("xa", Set.of("xa"), 0, 500, null, null,
                                                                   "RecognitionBatchRecordedEvent",
                                                                   START.plusSeconds(50), asOf.plusNanos(1), null));

        assertThat(then.items()).extracting(HistoryEntry::position).first().isEqualTo(100L);
        assertThat(then.items()).hasSize(100);
        assertThat(log.items()).extracting(LoggedEvent::position).first().isEqualTo(50L);
        assertThat(log.items()).extracting(LoggedEvent::position).last().isEqualTo(100L);
        assertThat(events(new FetchSubtreeEventsQuery("xa", Set.of("xa"), 0, 10, null, "someone-else", null, null,
                                                      null, null)).items()).isEmpty();
    }

    @Test
    void handlingTheSameEventsAgainChangesNothing() {
        List<EventMessage<?>> batch = new ArrayList<>(List.of(registered("huyen", UnitKind.DISTRICT, null),
                                                              registered("xa", UnitKind.COMMUNE, "huyen")));
        for (int i = 0; i < 150; i++) {
            batch.add(titles("xa"));
        }
        batch.add(moved("xa", "huyen-2", "huyen"));
        BatchDelivery.deliver(handler, batch);
        Map<String, Map<Object, Document>> once = snapshot();

        BatchDelivery.deliver(handler, batch);
        BatchDelivery.deliver(handler, batch.subList(100, batch.size()));

        assertThat(snapshot()).isEqualTo(once);
    }

    @Test
    void aReplayHoldingItsDocumentsInMemoryWritesTheSameDocumentsAsTheLiveView() {
        MongoDatabase replayed = mongo.database("replay");
        HistoryProjection replaying = new HistoryProjection(replayed, form(), ViewBatch.Mode.REPLAY);
        AnnotationEventHandlerAdapter replay = new AnnotationEventHandlerAdapter(replaying);
        List<EventMessage<?>> batch = new ArrayList<>(List.of(registered("huyen", UnitKind.DISTRICT, null),
                                                              registered("huyen-2", UnitKind.DISTRICT, null),
                                                              registered("xa", UnitKind.COMMUNE, "huyen")));
        for (int i = 0; i < 300; i++) {
            batch.add(i % 7 == 0 ? renamed("huyen-2", "Huyện " + i) : titles("xa"));
        }
        batch.add(moved("xa", "huyen-2", "huyen"));
        for (int from = 0; from < batch.size(); from += 100) {
            BatchDelivery.deliver(handler, batch.subList(from, Math.min(batch.size(), from + 100)));
            BatchDelivery.deliver(replay, batch.subList(from, Math.min(batch.size(), from + 100)));
        }
        replaying.finishReplay();

        for (String collection : HistoryProjection.collections()) {
            assertThat(all(replayed, collection)).as(collection).isEqualTo(all(database, collection)).isNotEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /**
     * The log's form of the events, their positions from their tracking tokens: these events are made here, in
     * position order, not stored (the lookup of an event's own position in the log is TwoWritersTrackingTest's).
     */
    private StoredForm form() {
        StoredEventForm log = new StoredEventForm(AxonConfiguration.jacksonSerializer(), mongo.syncDatabase("log"));
        return new StoredForm() {
            @Override
            public Document payload(EventMessage<?> event) {
                return log.payload(event);
            }

            @Override
            public Document metaData(EventMessage<?> event) {
                return log.metaData(event);
            }

            @Override
            public long position(EventMessage<?> event) {
                return ((TrackedEventMessage<?>) event).trackingToken().position().orElse(-1);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private Page<HistoryEntry> history(String unit, Set<String> members, long before, int limit, Instant asOf) {
        return (Page<HistoryEntry>) projection.handle(new FetchUnitHistoryQuery(unit, members, before, limit, asOf)).join();
    }

    @SuppressWarnings("unchecked")
    private Page<LoggedEvent> events(FetchSubtreeEventsQuery query) {
        return (Page<LoggedEvent>) projection.handle(query).join();
    }

    private void deliver(EventMessage<?>... events) {
        BatchDelivery.deliver(handler, List.of(events));
    }

    private EventMessage<?> registered(String unit, UnitKind kind, String parent) {
        return event("UnitAggregate", unit, new UnitRegisteredEvent(unit, "Đơn vị " + unit, kind, parent,
                                                                    LocalDate.of(2020, 1, 1)));
    }

    private EventMessage<?> renamed(String unit, String name) {
        return event("UnitAggregate", unit, new UnitRenamedEvent(unit, name, "Xã cũ", LocalDate.of(2025, 1, 1), "đổi tên"));
    }

    private EventMessage<?> moved(String unit, String parent, String previous) {
        return event("UnitAggregate", unit, new UnitMovedEvent(unit, parent, previous, LocalDate.of(2025, 7, 1),
                                                               "sắp xếp"));
    }

    private EventMessage<?> titles(String unit) {
        String batch = "lo-" + (position + 1);
        return event("RecognitionBatchAggregate", batch, new RecognitionBatchRecordedEvent(
                batch, unit, Title.GIA_DINH_HOC_TAP, 2024, 5, "1/QĐ", LocalDate.of(2024, 5, 1), LocalDate.of(2024, 12, 31)));
    }

    private EventMessage<?> admitted(String unit) {
        return event("AdmissionShardAggregate", "admission:tinh:2024:0:0",
                     new FactAdmittedEvent("admission:tinh:2024:0:0", unit, 2024, "lo-" + position,
                                           "RecognitionBatchRecordedEvent", LocalDate.of(2024, 5, 1)));
    }

    private EventMessage<?> event(String type, String aggregate, Object payload) {
        position++;
        return new GenericTrackedDomainEventMessage<>(
                new GlobalSequenceTrackingToken(position),
                new GenericDomainEventMessage<>(type, aggregate, next(aggregate), payload,
                                                MetaData.with("actor", "can-bo").and("roles", List.of("OFFICER")),
                                                "event-" + position, START.plusSeconds(position)));
    }

    private long next(String aggregate) {
        return sequences.merge(aggregate, 0L, (a, b) -> a + 1);
    }

    private Map<String, Map<Object, Document>> snapshot() {
        Map<String, Map<Object, Document>> documents = new HashMap<>();
        for (String collection : HistoryProjection.collections()) {
            documents.put(collection, all(database, collection));
        }
        return documents;
    }

    private static Map<Object, Document> all(MongoDatabase database, String collection) {
        return Flux.from(database.getCollection(collection).find()).collectMap(document -> document.get("_id")).block();
    }

    private int count(String command) {
        return mongo.count(command);
    }
}
