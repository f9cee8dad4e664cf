package vn.xhht.ledger.command.recognition;

import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Reasons;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionGrantedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionRevokedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;

import java.time.LocalDate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One recognition decision: granted, possibly revoked with a reason. */
@Aggregate(snapshotTriggerDefinition = "")
public class RecognitionAggregate {

    @AggregateIdentifier
    private String recognitionId;
    private String subjectUnitId;
    private Title title;
    private boolean revoked;
    private long version;

    protected RecognitionAggregate() {
        // for Axon
    }

    RecognitionAggregate(RecognitionGrantedEvent granted) {
        apply(granted);
    }

    long revoke(String reason, LocalDate on) {
        String why = Reasons.require(reason);
        if (revoked) {
            throw new DomainException(ErrorCode.INVALID_TRANSITION, "Recognition " + recognitionId + " is already revoked");
        }
        apply(new RecognitionRevokedEvent(recognitionId, subjectUnitId, title, why, on));
        return version;
    }

    String subjectUnitId() {
        return subjectUnitId;
    }

    long version() {
        return version;
    }

    @EventSourcingHandler
    void on(RecognitionGrantedEvent event, @SequenceNumber long sequence) {
        recognitionId = event.recognitionId();
        subjectUnitId = event.subjectUnitId();
        title = event.title();
        version = sequence;
    }

    @EventSourcingHandler
    void on(RecognitionRevokedEvent event, @SequenceNumber long sequence) {
        revoked = true;
        version = sequence;
    }
}
