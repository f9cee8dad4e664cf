package vn.xhht.ledger.command.emulation;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.emulation.EmulationMessages.AwardRegisteredEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.AwardReleasedEvent;

import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One achievement, one award (Luật TĐKT 2022): the award a subject holds for one occasion of a movement. Written in
 * the same commit as the decision, so two decisions racing for one subject cannot both stand; a revoked award frees it.
 */
@Aggregate(snapshotTriggerDefinition = "")
public class AwardRegisterAggregate {

    @AggregateIdentifier
    private String registerId;
    private String nominationId;
    private String form;

    protected AwardRegisterAggregate() {
        // for Axon
    }

    AwardRegisterAggregate(String registerId) {
        this.registerId = registerId;
    }

    /** The nomination whose award the subject holds for the occasion, if any. */
    Optional<String> holder() {
        return Optional.ofNullable(nominationId);
    }

    void record(String nominationId, String form) {
        if (this.nominationId != null && !this.nominationId.equals(nominationId)) {
            throw new DomainException(ErrorCode.DUPLICATE_AWARD, "The subject already received " + this.form
                    + " for this occasion of the movement (nomination " + this.nominationId + ")");
        }
        if (this.nominationId == null) {
            apply(new AwardRegisteredEvent(registerId, nominationId, form));
        }
    }

    void release(String nominationId) {
        if (nominationId.equals(this.nominationId)) {
            apply(new AwardReleasedEvent(registerId, nominationId));
        }
    }

    @EventSourcingHandler
    void on(AwardRegisteredEvent event) {
        registerId = event.registerId();
        nominationId = event.nominationId();
        form = event.form();
    }

    @EventSourcingHandler
    void on(AwardReleasedEvent event) {
        nominationId = null;
        form = null;
    }
}
