package vn.xhht.ledger.command.emulation;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.emulation.EmulationMessages.AwardCountedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.AwardUncountedEvent;

import java.util.LinkedHashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** The awards of one form a deciding unit gives for one occasion of a movement, against its quota (configuration). */
@Aggregate(snapshotTriggerDefinition = "")
public class AwardQuotaAggregate {

    @AggregateIdentifier
    private String quotaId;
    private final Set<String> counted = new LinkedHashSet<>();

    protected AwardQuotaAggregate() {
        // for Axon
    }

    AwardQuotaAggregate(String quotaId) {
        this.quotaId = quotaId;
    }

    /** Counts an award; with a quota, refuses one more than it allows. */
    void count(String nominationId, Integer quota) {
        if (counted.contains(nominationId)) {
            return;
        }
        if (quota != null && counted.size() >= quota) {
            throw new DomainException(ErrorCode.QUOTA_EXCEEDED, "The quota of " + quota + " awards for this occasion is "
                    + "used up (" + counted.size() + " given)");
        }
        apply(new AwardCountedEvent(quotaId, nominationId, quota == null ? -1 : quota));
    }

    void uncount(String nominationId) {
        if (counted.contains(nominationId)) {
            apply(new AwardUncountedEvent(quotaId, nominationId));
        }
    }

    @EventSourcingHandler
    void on(AwardCountedEvent event) {
        quotaId = event.quotaId();
        counted.add(event.nominationId());
    }

    @EventSourcingHandler
    void on(AwardUncountedEvent event) {
        counted.remove(event.nominationId());
    }
}
