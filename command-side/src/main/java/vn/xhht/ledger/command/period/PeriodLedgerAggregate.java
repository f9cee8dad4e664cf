package vn.xhht.ledger.command.period;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.period.PeriodMessages;
import vn.xhht.ledger.domain.period.PeriodMessages.PeriodClosedEvent;
import vn.xhht.ledger.domain.period.PeriodMessages.PeriodFactCountedEvent;
import vn.xhht.ledger.domain.period.PeriodMessages.PeriodReopenedEvent;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Whether a unit's year is closed, and by which plans: the ledger holds the closes and reopens of the unit's own
 * plans. Facts read the ledgers of their lineage and are recorded on admission shards ({@link PeriodLedgers});
 * ledgers stored before that also hold a {@code PeriodFactCountedEvent} per fact of the unit's subtree, which is why
 * they are loaded from a snapshot ({@link #SNAPSHOTS}) and the events since.
 */
@Aggregate(snapshotTriggerDefinition = PeriodLedgerAggregate.SNAPSHOTS, snapshotFilter = PeriodLedgerAggregate.SNAPSHOT_FILTER)
@Revision(PeriodLedgerAggregate.SHAPE)
public class PeriodLedgerAggregate {

    /**
     * The bean that triggers a snapshot every 100 events, for the ledgers and the admission shards: a load reads a
     * snapshot and a short tail.
     */
    public static final String SNAPSHOTS = "periodSnapshots";
    /** The bean that ignores snapshots of another shape than {@link #SHAPE} (they are then rebuilt from events). */
    public static final String SNAPSHOT_FILTER = "periodLedgerSnapshotFilter";
    /** The shape of this aggregate's fields as a snapshot stores them; change it when the fields change. */
    public static final String SHAPE = "1";

    @AggregateIdentifier
    private String ledgerId;
    private String unitId;
    private int year;
    private final Set<String> closedBy = new HashSet<>();

    protected PeriodLedgerAggregate() {
        // for Axon
    }

    PeriodLedgerAggregate(String unitId, int year) {
        this.ledgerId = PeriodMessages.ledgerId(unitId, year);
        this.unitId = unitId;
        this.year = year;
    }

    boolean isClosed() {
        return !closedBy.isEmpty();
    }

    void close(String planId, String reason) {
        apply(new PeriodClosedEvent(unitId, year, planId, reason));
    }

    void reopen(String planId, String reason) {
        if (closedBy.contains(planId)) {
            apply(new PeriodReopenedEvent(unitId, year, planId, reason));
        }
    }

    @EventSourcingHandler
    void on(PeriodClosedEvent event) {
        ledgerId = PeriodMessages.ledgerId(event.unitId(), event.year());
        unitId = event.unitId();
        year = event.year();
        closedBy.add(event.planId());
    }

    @EventSourcingHandler
    void on(PeriodReopenedEvent event) {
        closedBy.remove(event.planId());
    }

    /** Stored before facts were admitted through shards; read as it was stored. */
    @EventSourcingHandler
    void on(PeriodFactCountedEvent event) {
        ledgerId = PeriodMessages.ledgerId(event.unitId(), event.year());
        unitId = event.unitId();
        year = event.year();
    }
}
