package vn.xhht.ledger.command.period;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.period.PeriodMessages;
import vn.xhht.ledger.domain.period.PeriodMessages.AdmissionFencedEvent;
import vn.xhht.ledger.domain.period.PeriodMessages.AdmissionShardSealedEvent;
import vn.xhht.ledger.domain.period.PeriodMessages.FactAdmittedEvent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The admission policy on real event-sourced repositories: a fact is one event on its shard, refused while a
 * ledger of its lineage is closed, admitted again once reopened; shard generations are bounded; a close fences
 * every shard of each of its provinces.
 */
class PeriodLedgersTest {

    private static final List<String> LINEAGE = List.of("ap-cho", "xa-tan-thong-hoi", "huyen-cu-chi", "tp-hcm");
    private static final LocalDate DAY = LocalDate.of(2024, 11, 20);

    private EmbeddedEventStore events;
    private PeriodLedgers periods;
    private int facts;

    @BeforeEach
    void setUp() {
        events = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        periods = new PeriodLedgers(EventSourcingRepository.builder(PeriodLedgerAggregate.class).eventStore(events).build(),
                                    EventSourcingRepository.builder(AdmissionShardAggregate.class).eventStore(events).build());
    }

    private void inUnitOfWork(ThrowingRunnable work) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("test"));
        unitOfWork.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private void admit(List<String> lineage) {
        String fact = "fact-" + facts++;
        inUnitOfWork(() -> periods.admit(lineage, DAY, fact, "RecognitionBatchRecorded"));
    }

    private List<Object> streamOf(String aggregateId) {
        List<Object> payloads = new ArrayList<>();
        events.readEvents(aggregateId).asStream().map(DomainEventMessage::getPayload).forEach(payloads::add);
        return payloads;
    }

    private String shard(int generation) {
        return PeriodMessages.admissionShardId("tp-hcm", 2024, PeriodMessages.shardOf("ap-cho"), generation);
    }

    @Test
    void canAdmitAFactAsOneEventOnItsShardAndNoneOnTheLedgersOfItsLineage() {
        admit(LINEAGE);
        assertThat(streamOf(shard(0))).singleElement().isInstanceOf(FactAdmittedEvent.class);
        for (String unit : LINEAGE) {
            assertThat(streamOf(PeriodMessages.ledgerId(unit, 2024))).isEmpty();
        }
    }

    @Test
    void cannotAdmitAFactWhenAnAncestorHasClosedItsYear() {
        inUnitOfWork(() -> periods.close("huyen-cu-chi", 2024, Set.of("tp-hcm"), "plan-1", "Chốt số liệu"));
        assertThatThrownBy(() -> admit(LINEAGE))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PERIOD_CLOSED));
        // another year, and a unit outside the district, are not closed
        inUnitOfWork(() -> periods.admit(LINEAGE, LocalDate.of(2025, 1, 2), "next-year", "BaselineSet"));
        admit(List.of("ap-khac", "xa-khac", "huyen-khac", "tp-hcm"));
    }

    @Test
    void canAdmitFactsAgainOnceTheClosingPlanReopensTheYear() {
        inUnitOfWork(() -> periods.close("huyen-cu-chi", 2024, Set.of("tp-hcm"), "plan-1", "Chốt số liệu"));
        inUnitOfWork(() -> periods.reopen("huyen-cu-chi", 2024, "plan-1", "Bổ sung"));
        admit(LINEAGE);
    }

    @Test
    void canCloseAYearByFencingEveryShardOfEachOfItsProvinces() {
        inUnitOfWork(() -> periods.close("huyen-cu-chi", 2024, Set.of("tp-hcm", "binh-duong"), "plan-1", "Chốt"));
        for (String province : List.of("tp-hcm", "binh-duong")) {
            for (int shard = 0; shard < PeriodMessages.SHARDS; shard++) {
                assertThat(streamOf(PeriodMessages.admissionShardId(province, 2024, shard, 0)))
                        .singleElement().isInstanceOf(AdmissionFencedEvent.class);
            }
        }
    }

    @Test
    void canAdmitFactsBeyondAGenerationsBoundIntoTheNextGeneration() {
        for (int i = 0; i < PeriodMessages.FACTS_PER_GENERATION + 3; i++) {
            admit(LINEAGE);
        }
        List<Object> first = streamOf(shard(0));
        assertThat(first).hasSize(PeriodMessages.FACTS_PER_GENERATION + 1);
        assertThat(first.get(first.size() - 1)).isInstanceOf(AdmissionShardSealedEvent.class);
        assertThat(streamOf(shard(1))).hasSize(3).allMatch(FactAdmittedEvent.class::isInstance);
        // a close reaches the generation that takes facts now
        inUnitOfWork(() -> periods.close("tp-hcm", 2024, Set.of("tp-hcm"), "plan-2", "Chốt"));
        assertThat(streamOf(shard(1)).get(3)).isInstanceOf(AdmissionFencedEvent.class);
        assertThatThrownBy(() -> admit(LINEAGE)).isInstanceOf(DomainException.class);
    }
}
