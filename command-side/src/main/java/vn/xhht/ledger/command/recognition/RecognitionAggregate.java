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
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionValidityCorrectedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One recognition decision: granted, possibly revoked with a reason. */
@Aggregate(snapshotTriggerDefinition = "")
public class RecognitionAggregate {

    @AggregateIdentifier
    private String recognitionId;
    private String subjectUnitId;
    private Title title;
    private int year;
    private LocalDate validThrough;
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

    /**
     * Sets the last day the title counts, with a reason: the 31 December of a year from the recognition year on.
     * Refused once revoked; the same date again stores nothing. Answers the years whose figures change.
     */
    List<Integer> correctValidity(LocalDate through, String reason, LocalDate on) {
        String why = Reasons.require(reason);
        if (through == null || through.getMonthValue() != 12 || through.getDayOfMonth() != 31 || through.getYear() < year) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "validThrough", "A title counts through 31 December"
                    + " of a year from its recognition year (" + year + ") on");
        }
        if (revoked) {
            throw new DomainException(ErrorCode.INVALID_TRANSITION, "Recognition " + recognitionId + " is revoked");
        }
        if (through.equals(validThrough)) {
            return List.of();
        }
        List<Integer> changed = new ArrayList<>();
        for (int y = Math.min(through.getYear(), validThrough.getYear()) + 1;
             y <= Math.max(through.getYear(), validThrough.getYear()); y++) {
            changed.add(y);
        }
        apply(new RecognitionValidityCorrectedEvent(recognitionId, subjectUnitId, title, year, validThrough, through,
                                                    why, on));
        return changed;
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
        year = event.year();
        validThrough = event.validThrough();
        version = sequence;
    }

    @EventSourcingHandler
    void on(RecognitionValidityCorrectedEvent event, @SequenceNumber long sequence) {
        validThrough = event.validThrough();
        version = sequence;
    }

    @EventSourcingHandler
    void on(RecognitionRevokedEvent event, @SequenceNumber long sequence) {
        revoked = true;
        version = sequence;
    }
}
