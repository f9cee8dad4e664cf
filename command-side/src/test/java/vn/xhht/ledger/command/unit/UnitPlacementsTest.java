package vn.xhht.ledger.command.unit;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.unit.UnitCommands.DissolveUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.MergeUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.MoveUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.RecordUnitChildCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.RegisterUnitCommand;
import vn.xhht.ledger.domain.unit.UnitEvents;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitChildRecordedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitRegisteredEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitDissolvedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitMergedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitMovedEvent;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The 2025 reform through the unit commands that involve several units, sent on a command bus to the units' own
 * handlers with the placement policies: a district ends once its communes have moved
 * under the province (refused, naming them, while one remains), nothing is placed under it from that day, and a
 * reform may fold a unit into the level above it — never into a lower one.
 */
class UnitPlacementsTest {

    private static final LocalDate FROM = LocalDate.of(2020, 1, 1);
    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);

    private EmbeddedEventStore events;
    private CommandGateway handler;
    private AggregateAnnotationCommandHandler<UnitAggregate> unitHandler;

    /** The in-memory store refusing a second event at an aggregate's sequence, as the service's store does. */
    private static final class KeyedStorage extends InMemoryEventStorageEngine {
        private final java.util.Set<String> keys = new java.util.HashSet<>();

        @Override
        public synchronized void appendEvents(List<? extends org.axonframework.eventhandling.EventMessage<?>> stored) {
            List<String> adding = stored.stream()
                    .filter(e -> e instanceof org.axonframework.eventhandling.DomainEventMessage<?>)
                    .map(e -> (org.axonframework.eventhandling.DomainEventMessage<?>) e)
                    .map(e -> e.getAggregateIdentifier() + "#" + e.getSequenceNumber()).toList();
            for (String key : adding) {
                if (keys.contains(key)) {
                    throw new ConcurrencyException("An event at " + key + " is stored already");
                }
            }
            keys.addAll(adding);
            super.appendEvents(stored);
        }
    }

    /** One service node over the shared store: its own repositories (and locks) and command bus. */
    private record Node(CommandGateway gateway, AggregateAnnotationCommandHandler<UnitAggregate> units) {
    }

    @BeforeEach
    void setUp() {
        events = EmbeddedEventStore.builder().storageEngine(new KeyedStorage()).build();
        Node node = node();
        handler = node.gateway();
        unitHandler = node.units();
        run(new RegisterUnitCommand("hcm", "TP. Hồ Chí Minh", UnitKind.PROVINCE, null, FROM));
        run(new RegisterUnitCommand("cu-chi", "Huyện Củ Chi", UnitKind.DISTRICT, "hcm", FROM));
        run(new RegisterUnitCommand("tan-thong-hoi", "Xã Tân Thông Hội", UnitKind.COMMUNE, "cu-chi", FROM));
    }

    @SuppressWarnings("unchecked")
    private Node node() {
        // the policies read other units through the repository whose handlers they serve
        AtomicReference<Repository<UnitAggregate>> repository = new AtomicReference<>();
        Repository<UnitAggregate> units = (Repository<UnitAggregate>) Proxy.newProxyInstance(
                Repository.class.getClassLoader(), new Class<?>[]{Repository.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(repository.get(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        EventSourcingRepository<UnitChildrenAggregate> registers =
                EventSourcingRepository.builder(UnitChildrenAggregate.class).eventStore(events).build();
        Hierarchy hierarchy = new Hierarchy(units, registers);
        UnitPlacements placements = new UnitPlacements(units, hierarchy);
        ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(UnitAggregate.class),
                new SimpleResourceParameterResolverFactory(List.of(placements, hierarchy)));
        repository.set(EventSourcingRepository.builder(UnitAggregate.class).eventStore(events)
                                              .parameterResolverFactory(resolvers).build());
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        AggregateAnnotationCommandHandler<UnitAggregate> unitCommands =
                AggregateAnnotationCommandHandler.<UnitAggregate>builder().aggregateType(UnitAggregate.class)
                                                 .repository(repository.get()).parameterResolverFactory(resolvers)
                                                 .build();
        unitCommands.subscribe(bus);
        AggregateAnnotationCommandHandler.<UnitChildrenAggregate>builder().aggregateType(UnitChildrenAggregate.class)
                                         .repository(EventSourcingRepository.builder(UnitChildrenAggregate.class)
                                                                            .eventStore(events)
                                                                            .parameterResolverFactory(resolvers).build())
                                         .parameterResolverFactory(resolvers).build()
                                         .subscribe(bus);
        return new Node(DefaultCommandGateway.builder().commandBus(bus).build(), unitCommands);
    }

    /** Sends a command and answers the unit's version; a refusal is thrown as the domain's. */
    private Object run(Object command) {
        try {
            return handler.sendAndWait(command);
        } catch (CommandExecutionException e) {
            throw e.getCause() instanceof DomainException refused ? refused : e;
        }
    }

    private Object lastEventOf(String unitId) {
        List<Object> payloads = eventsOf(unitId);
        return payloads.get(payloads.size() - 1);
    }

    private List<Object> eventsOf(String aggregateId) {
        List<Object> payloads = new ArrayList<>();
        events.readEvents(aggregateId).asStream().forEach(event -> payloads.add(event.getPayload()));
        return payloads;
    }

    @Test
    void canRecordEachPlacementInTheParentsRegisterInTheCommitThatMadeIt() {
        assertThat(eventsOf(UnitEvents.childrenRegisterId("hcm"))).containsExactly(new UnitChildRecordedEvent("hcm", "cu-chi"));
        assertThat(eventsOf(UnitEvents.childrenRegisterId("cu-chi")))
                .containsExactly(new UnitChildRecordedEvent("cu-chi", "tan-thong-hoi"));
        run(new MoveUnitCommand("tan-thong-hoi", "hcm", REFORM, "Sắp xếp 2025", null));
        run(new MoveUnitCommand("tan-thong-hoi", "cu-chi", REFORM.minusDays(1), "Trả lại", null));
        // known to both parents once, however often it comes and goes
        assertThat(eventsOf(UnitEvents.childrenRegisterId("hcm"))).containsExactly(
                new UnitChildRecordedEvent("hcm", "cu-chi"), new UnitChildRecordedEvent("hcm", "tan-thong-hoi"));
        assertThat(eventsOf(UnitEvents.childrenRegisterId("cu-chi"))).hasSize(1);
    }

    @Test
    void cannotDissolveADistrictOverAPlacementFromAnOlderStoreOnceTheMigrationRecordedIt() {
        // an older store: a commune registered under the district before registers were kept
        events.publish(new GenericDomainEventMessage<>(UnitAggregate.class.getSimpleName(), "xa-cu", 0,
                new UnitRegisteredEvent("xa-cu", "Xã cũ", UnitKind.COMMUNE, "cu-chi", FROM)));
        run(new MoveUnitCommand("tan-thong-hoi", "hcm", REFORM, "Sắp xếp 2025", null));
        run(new RecordUnitChildCommand("cu-chi", "xa-cu"));
        run(new RecordUnitChildCommand("cu-chi", "xa-cu")); // the migration run twice stores it once
        assertThat(eventsOf(UnitEvents.childrenRegisterId("cu-chi"))).containsExactly(
                new UnitChildRecordedEvent("cu-chi", "tan-thong-hoi"), new UnitChildRecordedEvent("cu-chi", "xa-cu"));
        assertThatThrownBy(() -> run(new DissolveUnitCommand("cu-chi", REFORM, "Kết thúc cấp huyện", null)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNIT_HAS_CHILDREN);
                    assertThat(e.getMessage()).contains("xa-cu").doesNotContain("tan-thong-hoi");
                });
    }

    @Test
    void canRecordAPlacementSupersededOnTheSameDaySinceTheChildsHistoryShowsIt() {
        events.publish(new GenericDomainEventMessage<>(UnitAggregate.class.getSimpleName(), "xa-doi", 0,
                new UnitRegisteredEvent("xa-doi", "Xã đổi", UnitKind.COMMUNE, "cu-chi", FROM)),
                       new GenericDomainEventMessage<>(UnitAggregate.class.getSimpleName(), "xa-doi", 1,
                new UnitMovedEvent("xa-doi", "hcm", "cu-chi", FROM, "Nhầm đơn vị cấp trên")));
        run(new RecordUnitChildCommand("cu-chi", "xa-doi"));
        assertThat(eventsOf(UnitEvents.childrenRegisterId("cu-chi"))).contains(new UnitChildRecordedEvent("cu-chi", "xa-doi"));
    }

    @Test
    void cannotEndADistrictWhileAUnitIsPlacedUnderItOnAnotherNodeTheTwoConflictOnItsRegister() throws Exception {
        run(new MoveUnitCommand("tan-thong-hoi", "hcm", REFORM, "Sắp xếp 2025", null));
        // node 1 decides the district's end (nothing under it that day) and has not stored it yet
        var dissolve = GenericCommandMessage.asCommandMessage(new DissolveUnitCommand("cu-chi", REFORM, "Kết thúc", null));
        UnitOfWork<?> ending = DefaultUnitOfWork.startAndGet(dissolve);
        unitHandler.handle(dissolve);
        // meanwhile node 2 registers a commune under it from 2024: the district still stands in the log
        Node other = node();
        CompletableFuture.runAsync(() -> other.gateway().sendAndWait(new RegisterUnitCommand(
                "xa-moi", "Xã mới", UnitKind.COMMUNE, "cu-chi", LocalDate.of(2024, 1, 1)))).get();
        // both wrote the district's register: the end is not stored ...
        assertThatThrownBy(ending::commit).isInstanceOf(ConcurrencyException.class);
        assertThat(lastEventOf("cu-chi")).isNotInstanceOf(UnitDissolvedEvent.class);
        // ... and tried again, it sees the commune
        assertThatThrownBy(() -> run(new DissolveUnitCommand("cu-chi", REFORM, "Kết thúc", null)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNIT_HAS_CHILDREN);
                    assertThat(e.getMessage()).contains("xa-moi");
                });
    }

    @Test
    void cannotRecordAPlacementTheChildsOwnHistoryDoesNotShow() {
        assertThatThrownBy(() -> run(new RecordUnitChildCommand("hcm", "tan-thong-hoi")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_HIERARCHY));
    }

    @Test
    void cannotDissolveADistrictWhileACommuneRemainsUnderItAndTheRefusalNamesIt() {
        assertThatThrownBy(() -> run(new DissolveUnitCommand("cu-chi", REFORM, "Kết thúc cấp huyện", null)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNIT_HAS_CHILDREN);
                    assertThat(e.getMessage()).contains("tan-thong-hoi");
                });
    }

    @Test
    void canDissolveADistrictOnceItsCommunesMovedUnderTheProvinceThatDay() {
        run(new MoveUnitCommand("tan-thong-hoi", "hcm", REFORM, "Sắp xếp 2025", null));
        assertThat(lastEventOf("tan-thong-hoi")).isEqualTo(new UnitMovedEvent("tan-thong-hoi", "hcm", "cu-chi", REFORM, "Sắp xếp 2025"));
        // the district's register still lists the commune: its own aggregate says it left that day
        run(new DissolveUnitCommand("cu-chi", REFORM, "Kết thúc cấp huyện", null));
        assertThat(lastEventOf("cu-chi")).isEqualTo(new UnitDissolvedEvent("cu-chi", REFORM, "Kết thúc cấp huyện"));
    }

    @Test
    void cannotPlaceAUnitUnderADistrictFromTheDayItWasDissolved() {
        run(new MoveUnitCommand("tan-thong-hoi", "hcm", REFORM, "Sắp xếp 2025", null));
        run(new DissolveUnitCommand("cu-chi", REFORM, "Kết thúc cấp huyện", null));
        assertThatThrownBy(() -> run(new RegisterUnitCommand("xa-moi", "Xã mới", UnitKind.COMMUNE, "cu-chi", REFORM)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_UNIT));
        // before that day it still stands
        run(new RegisterUnitCommand("xa-cu", "Xã cũ", UnitKind.COMMUNE, "cu-chi", LocalDate.of(2024, 1, 1)));
    }

    @Test
    void canFoldADistrictIntoItsProvinceWhenAReformSaysSoItsCommunesFollowing() {
        run(new MergeUnitCommand("cu-chi", "hcm", REFORM, "Sắp xếp 2025", null));
        assertThat(lastEventOf("cu-chi")).isEqualTo(new UnitMergedEvent("cu-chi", "hcm", REFORM, "Sắp xếp 2025"));
        assertThat(lastEventOf("tan-thong-hoi")).isInstanceOfSatisfying(UnitMovedEvent.class,
                moved -> assertThat(moved.parentId()).isEqualTo("hcm"));
    }

    @Test
    void cannotMergeAProvinceIntoADistrict() {
        assertThatThrownBy(() -> run(new MergeUnitCommand("hcm", "cu-chi", REFORM, "Sai", null)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_HIERARCHY));
    }

    @Test
    void cannotPlaceAUnitUnderAParentThatDoesNotExistThatDay() {
        assertThatThrownBy(() -> run(new RegisterUnitCommand("xa-x", "Xã X", UnitKind.COMMUNE, "no-such-unit", FROM)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_UNIT);
                    assertThat(e.field()).isEqualTo(Field.of("parentId"));
                });
        assertThatThrownBy(() -> run(new RegisterUnitCommand("xa-x", "Xã X", UnitKind.COMMUNE, "cu-chi",
                                                             FROM.minusDays(1))))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_UNIT));
    }

    @Test
    void cannotPlaceAUnitUnderAParentOfAKindThatCannotHoldIt() {
        assertThatThrownBy(() -> run(new RegisterUnitCommand("thon-x", "Thôn X", UnitKind.VILLAGE, "cu-chi", FROM)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_HIERARCHY);
                    assertThat(e.field()).isEqualTo(Field.of("parentId"));
                });
        assertThatThrownBy(() -> run(new RegisterUnitCommand("tinh-x", "Tỉnh X", UnitKind.PROVINCE, "hcm", FROM)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_HIERARCHY));
    }

    @Test
    void cannotMoveAUnitUnderItsOwnDescendant() {
        assertThatThrownBy(() -> run(new MoveUnitCommand("cu-chi", "tan-thong-hoi", LocalDate.of(2024, 1, 1), "Nhầm", null)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_HIERARCHY));
        assertThat(lastEventOf("cu-chi")).isInstanceOf(UnitRegisteredEvent.class);
    }
}
