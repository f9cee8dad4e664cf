package vn.xhht.ledger.infrastructure.config;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.command.period.PeriodLedgerAggregate;
import vn.xhht.ledger.domain.period.PeriodMessages.PeriodClosedEvent;
import vn.xhht.ledger.domain.period.PeriodMessages.PeriodReopenedEvent;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

import static org.assertj.core.api.Assertions.assertThat;

/** A period ledger read back from its snapshot is the ledger its events built: closed stays closed. */
class SnapshotSerializerTest {

    private final Serializer snapshots = AxonConfiguration.snapshotSerializer();

    private static PeriodLedgerAggregate ledgerAfter(Object... events) throws Exception {
        Constructor<PeriodLedgerAggregate> constructor = PeriodLedgerAggregate.class.getDeclaredConstructor();
        constructor.setAccessible(true);
        PeriodLedgerAggregate ledger = constructor.newInstance();
        for (Object event : events) {
            Method on = PeriodLedgerAggregate.class.getDeclaredMethod("on", event.getClass());
            on.setAccessible(true);
            on.invoke(ledger, event);
        }
        return ledger;
    }

    private static boolean closed(PeriodLedgerAggregate ledger) throws Exception {
        Method isClosed = PeriodLedgerAggregate.class.getDeclaredMethod("isClosed");
        isClosed.setAccessible(true);
        return (boolean) isClosed.invoke(ledger);
    }

    private PeriodLedgerAggregate roundTrip(PeriodLedgerAggregate ledger) {
        SerializedObject<byte[]> stored = snapshots.serialize(ledger, byte[].class);
        assertThat(stored.getType().getRevision()).isEqualTo(PeriodLedgerAggregate.SHAPE);
        return snapshots.deserialize(stored);
    }

    @Test
    void aClosedLedgerIsClosedWhenReadFromItsSnapshot() throws Exception {
        PeriodLedgerAggregate ledger = ledgerAfter(new PeriodClosedEvent("huyen-cu-chi", 2024, "plan-1", "Chốt số liệu"));
        assertThat(closed(roundTrip(ledger))).isTrue();
    }

    @Test
    void aReopenedLedgerIsOpenAndOnlyTheReopeningPlanThawsIt() throws Exception {
        PeriodLedgerAggregate ledger = ledgerAfter(new PeriodClosedEvent("huyen-cu-chi", 2024, "plan-1", "Chốt"),
                                                   new PeriodClosedEvent("huyen-cu-chi", 2024, "plan-2", "Chốt"),
                                                   new PeriodReopenedEvent("huyen-cu-chi", 2024, "plan-1", "Mở lại"));
        PeriodLedgerAggregate read = roundTrip(ledger);
        assertThat(closed(read)).isTrue();
        Method on = PeriodLedgerAggregate.class.getDeclaredMethod("on", PeriodReopenedEvent.class);
        on.setAccessible(true);
        on.invoke(read, new PeriodReopenedEvent("huyen-cu-chi", 2024, "plan-2", "Mở lại"));
        assertThat(closed(read)).isFalse();
    }
}
