package vn.xhht.ledger.command.recognition;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import vn.xhht.ledger.command.period.PeriodLedgers;
import vn.xhht.ledger.command.unit.Hierarchy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.common.ProgrammeTime;
import vn.xhht.ledger.domain.common.Reasons;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.CorrectRecognitionValidityCommand;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.GrantRecognitionCommand;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RevokeRecognitionCommand;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionGrantedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionRevokedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionValidityCorrectedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One recognition decision: granted on its evidence ({@link GrantEvidence}), valid through 31 Dec of the recognition
 * year plus its framework's {@code validityYears} (the recognition year only when no framework is known); possibly
 * revoked, or its validity corrected, with a reason. Each change is a fact admitted into the open periods of the
 * subject's lineage, and the subject's title register follows it in the same commit ({@link RegisteredTitles}).
 */
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

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(GrantRecognitionCommand command, GrantEvidence evidence, Hierarchy hierarchy, RegisteredTitles registers,
                PeriodLedgers periods) throws Exception {
        List<String> lineage = hierarchy.lineageOn(command.subjectUnitId(), command.decidedOn(), Field.of("subjectUnitId"));
        CriteriaFramework rules = evidence.rulesFor(command);
        int validityYears = rules == null || rules.validityYears() == null ? 0 : rules.validityYears();
        LocalDate validThrough = LocalDate.of(command.year() + validityYears, 12, 31);
        registers.record(command.subjectUnitId(), command.recognitionId(), command.title(), command.level(), command.year(),
                         command.decidedOn(), validThrough);
        periods.admit(lineage, command.decidedOn(), command.recognitionId(), "RecognitionGranted");
        apply(new RecognitionGrantedEvent(command.recognitionId(), command.title(), command.subjectUnitId(), command.year(),
                                          command.level(), command.decisionNumber(), command.decidedOn(),
                                          command.assessmentId(), rules == null ? null : rules.code(),
                                          rules == null ? null : rules.version(), validThrough));
        return version;
    }

    @CommandHandler
    long handle(RevokeRecognitionCommand command, Hierarchy hierarchy, RegisteredTitles registers, PeriodLedgers periods)
            throws Exception {
        LocalDate today = ProgrammeTime.dayOf(GenericEventMessage.clock.instant());
        revoke(command.reason(), today);
        periods.admit(hierarchy.lineageOn(subjectUnitId, today, Field.of("subjectUnitId")), today, recognitionId, "RecognitionRevoked");
        registers.withdraw(subjectUnitId, recognitionId, today);
        return version;
    }

    /**
     * A corrected validity changes the figures of every year between the old and the new last year: each of those
     * years must be open for the subject's lineage (as it stood at that year's end), as for any fact dated in it.
     */
    @CommandHandler
    long handle(CorrectRecognitionValidityCommand command, Hierarchy hierarchy, RegisteredTitles registers,
                PeriodLedgers periods) throws Exception {
        LocalDate today = ProgrammeTime.dayOf(GenericEventMessage.clock.instant());
        List<Integer> years = correctValidity(command.validThrough(), command.reason(), today);
        for (int changed : years) {
            LocalDate yearEnd = LocalDate.of(changed, 12, 31);
            periods.admit(hierarchy.lineageOn(subjectUnitId, yearEnd, Field.of("subjectUnitId")), yearEnd, recognitionId,
                          "RecognitionValidityCorrected");
        }
        if (!years.isEmpty()) {
            registers.correctValidity(subjectUnitId, recognitionId, command.validThrough());
        }
        return version;
    }

    private long revoke(String reason, LocalDate on) {
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
    private List<Integer> correctValidity(LocalDate through, String reason, LocalDate on) {
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
