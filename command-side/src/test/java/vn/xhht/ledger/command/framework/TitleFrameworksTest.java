package vn.xhht.ledger.command.framework;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.FrameworkMessages;
import vn.xhht.ledger.domain.framework.FrameworkMessages.TitleFrameworkRegisteredEvent;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which framework governs a title on a day, as the frameworks' files publish them. */
class TitleFrameworksTest {

    private EmbeddedEventStore events;
    private TitleFrameworks titles;

    @BeforeEach
    void setUp() {
        events = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        titles = new TitleFrameworks(EventSourcingRepository.builder(TitleFrameworksAggregate.class).eventStore(events).build());
        register(framework("TT22-2020-DVHT", 2, LocalDate.of(2020, 9, 21), null, 0));
        register(framework("TT24-2023-DVHT", 2, LocalDate.of(2024, 1, 29), null, 3));
        register(framework("TT24-2023-DVHT-TINH", 1, LocalDate.of(2024, 1, 29), null, 3));
    }

    private static CriteriaFramework framework(String code, int version, LocalDate from, LocalDate to, int validity) {
        return new CriteriaFramework(code, version, code, "DON_VI_HOC_TAP", code, null, from, to, CriteriaFramework.Decision.ALL_MET,
                                     List.of(), null, List.of("MUC_DO_1"), validity, null, null, List.of(), true, null);
    }

    private void register(CriteriaFramework framework) {
        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("test")).execute(() -> {
            try {
                titles.register(framework);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private java.util.Optional<TitleFrameworkRegisteredEvent> inForceOn(String title, LocalDate day) {
        return DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("test"))
                                .executeWithResult(() -> titles.inForceOn(title, day)).getPayload();
    }

    private String codeOn(LocalDate day) {
        return inForceOn("DON_VI_HOC_TAP", day).map(TitleFrameworkRegisteredEvent::code).orElse(null);
    }

    @Test
    void canTellTheFrameworkInForceOnADayTheLatestToStartWinning() {
        assertThat(codeOn(LocalDate.of(2020, 9, 20))).isNull();
        assertThat(codeOn(LocalDate.of(2023, 12, 20))).isEqualTo("TT22-2020-DVHT");
        assertThat(codeOn(LocalDate.of(2024, 1, 29))).isEqualTo("TT24-2023-DVHT");
    }

    @Test
    void canRecordAFrameworkOnceAndItsNewerVersionAgain() {
        register(framework("TT22-2020-DVHT", 2, LocalDate.of(2020, 9, 21), null, 0));
        register(framework("TT22-2020-DVHT", 3, LocalDate.of(2020, 9, 21), LocalDate.of(2024, 1, 28), 0));
        assertThat(events.readEvents(FrameworkMessages.titleFrameworksId("DON_VI_HOC_TAP")).asStream().count()).isEqualTo(4);
        assertThat(inForceOn("DON_VI_HOC_TAP", LocalDate.of(2023, 1, 1)).orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void cannotFindAFrameworkForATitleNoneGoverns() {
        assertThat(inForceOn("GIA_DINH_HOC_TAP", LocalDate.of(2024, 1, 1))).isEmpty();
    }
}
