package vn.xhht.ledger.command.period;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.period.PeriodMessages;
import vn.xhht.ledger.domain.period.PeriodMessages.PeriodClosedEvent;
import vn.xhht.ledger.domain.period.PeriodMessages.PeriodFactCountedEvent;
import vn.xhht.ledger.domain.period.PeriodMessages.PeriodReopenedEvent;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Whether a unit's year is closed, and by which plans. A fact dated in the year appends to the ledgers of its unit's
 * lineage while they are open: a close and a fact racing for the same ledger cannot both succeed (the stream's
 * sequence decides), so an accepted fact is always stored before the close that would have refused it.
 * <p>
 * A province's ledger for a year receives a fact from every unit under it, so it is loaded from a snapshot
 * ({@link #SNAPSHOTS}) and the events since: the cost of a fact no longer grows with the facts before it.
 */
@Aggregate(snapshotTriggerDefinition = PeriodLedgerAggregate.SNAPSHOTS, snapshotFilter = PeriodLedgerAggregate.SNAPSHOT_FILTER)
@Revision(PeriodLedgerAggregate.SHAPE)
public class PeriodLedgerAggregate {

    /** The bean that triggers a snapshot every so many events: a fact's load reads a snapshot and a short tail. */
    public static final String SNAPSHOTS = "periodLedgerSnapshots";
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

    void count(String factId, String factType, LocalDate effectiveOn) {
        apply(new PeriodFactCountedEvent(unitId, year, factId, factType, effectiveOn));
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

    @EventSourcingHandler
    void on(PeriodFactCountedEvent event) {
        ledgerId = PeriodMessages.ledgerId(event.unitId(), event.year());
        unitId = event.unitId();
        year = event.year();
    }
}
