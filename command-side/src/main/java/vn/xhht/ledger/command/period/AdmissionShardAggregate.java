package vn.xhht.ledger.command.period;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.period.PeriodMessages;
import vn.xhht.ledger.domain.period.PeriodMessages.AdmissionFencedEvent;
import vn.xhht.ledger.domain.period.PeriodMessages.AdmissionShardSealedEvent;
import vn.xhht.ledger.domain.period.PeriodMessages.FactAdmittedEvent;

import java.time.LocalDate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One generation of one admission shard of a province's year: where facts are recorded and closes pass through,
 * so that a fact and a close racing each other are serialised by this stream's sequence. A generation takes
 * {@link PeriodMessages#FACTS_PER_GENERATION} facts and is then sealed, naming the next: no stream grows with the
 * facts of a province.
 */
@Aggregate(snapshotTriggerDefinition = PeriodLedgerAggregate.SNAPSHOTS,
           snapshotFilter = AdmissionShardAggregate.SNAPSHOT_FILTER)
@Revision(AdmissionShardAggregate.SHAPE)
public class AdmissionShardAggregate {

    public static final String SNAPSHOT_FILTER = "admissionShardSnapshotFilter";
    public static final String SHAPE = "1";

    @AggregateIdentifier
    private String shardId;
    private int facts;
    private String next;

    protected AdmissionShardAggregate() {
        // for Axon
    }

    /** A generation not written yet: its first event (a fact or a fence) creates its stream. */
    AdmissionShardAggregate(String shardId) {
        this.shardId = shardId;
    }

    /** The generation that follows, once this one is sealed; null while it takes facts. */
    String next() {
        return next;
    }

    boolean full() {
        return facts >= PeriodMessages.FACTS_PER_GENERATION;
    }

    void admit(String unitId, int year, String factId, String factType, LocalDate effectiveOn) {
        apply(new FactAdmittedEvent(shardId, unitId, year, factId, factType, effectiveOn));
    }

    void fence(String closingUnitId, int year, String planId) {
        apply(new AdmissionFencedEvent(shardId, closingUnitId, year, planId));
    }

    void seal(String nextShardId) {
        apply(new AdmissionShardSealedEvent(shardId, nextShardId));
    }

    @EventSourcingHandler
    void on(FactAdmittedEvent event) {
        shardId = event.shardId();
        facts++;
    }

    @EventSourcingHandler
    void on(AdmissionFencedEvent event) {
        shardId = event.shardId();
    }

    @EventSourcingHandler
    void on(AdmissionShardSealedEvent event) {
        next = event.nextShardId();
    }
}
