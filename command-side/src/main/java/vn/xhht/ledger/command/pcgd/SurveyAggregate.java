package vn.xhht.ledger.command.pcgd;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.command.unit.Hierarchy;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.common.ProgrammeTime;
import vn.xhht.ledger.domain.common.Reasons;
import vn.xhht.ledger.domain.pcgd.PcgdMessages;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.LockSurveyCommand;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.RecordSurveyCommand;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.SurveyLockDue;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.SurveyLockedEvent;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.SurveyRecordedEvent;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.SurveyUnlockedEvent;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.UnlockSurveyCommand;
import vn.xhht.ledger.domain.pcgd.Survey;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A commune's universal-education and literacy survey of one data year: recorded and replaced as a whole (the same
 * values store nothing), for a commune that exists at the year's reference date (the cycle's, 30 September); locked
 * with a reason, after which it is refused ({@code PERIOD_CLOSED}) until unlocked with a reason (by a higher level: the
 * caller's scope is checked where the request comes in). A survey recorded before its reference date is locked at the
 * end of that day (Vietnam time) unless it was locked by hand before; one recorded later, or unlocked, stays as it is
 * until locked by hand.
 */
@Aggregate(snapshotTriggerDefinition = "")
public class SurveyAggregate {

    static final String LOCK = "survey-lock";

    @AggregateIdentifier
    private String surveyId;
    private String unitId;
    private int year;
    private Survey current;
    private String dbkkSource;
    private boolean locked;
    private boolean unlockedOnce;
    private long version = -1;

    protected SurveyAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(RecordSurveyCommand command, Hierarchy hierarchy, PcgdCycles cycles, DeadlineManager deadlines) {
        if (locked) {
            throw new DomainException(ErrorCode.PERIOD_CLOSED, "The " + command.year() + " survey of " + command.unitId()
                    + " is locked; it must be unlocked before it changes");
        }
        LocalDate referenceDate = cycles.referenceDate(UnitKind.COMMUNE, command.year());
        hierarchy.lineageOn(command.unitId(), referenceDate, Field.of("unitId"));
        if (hierarchy.kindOf(command.unitId(), Field.of("unitId")) != UnitKind.COMMUNE) {
            throw new DomainException(ErrorCode.INVALID_HIERARCHY, "unitId",
                                      "A survey is a commune's; " + command.unitId() + " is not a commune");
        }
        Survey survey = PcgdMessages.check(command.survey());
        Instant lockAt = ProgrammeTime.endOf(referenceDate);
        if (current == null && GenericEventMessage.clock.instant().isBefore(lockAt)) {
            deadlines.schedule(lockAt, LOCK, new SurveyLockDue(command.surveyId(), referenceDate));
        }
        if (!survey.equals(current) || !Objects.equals(dbkkSource, command.dbkkSource())) {
            apply(new SurveyRecordedEvent(command.unitId(), command.year(), survey.figures(), survey.dbkk(),
                                          command.dbkkSource(), survey.conditionsMet()));
        }
        return version;
    }

    @CommandHandler
    long handle(LockSurveyCommand command) {
        String reason = Reasons.require(command.reason());
        if (locked) {
            throw new DomainException(ErrorCode.INVALID_TRANSITION, "The survey is already locked");
        }
        apply(new SurveyLockedEvent(unitId, year, reason));
        return version;
    }

    /** The reference date has ended: the survey is locked, unless it was locked (or unlocked) by hand before. */
    @DeadlineHandler(deadlineName = LOCK)
    void on(SurveyLockDue due) {
        if (!locked && !unlockedOnce) {
            apply(new SurveyLockedEvent(unitId, year, "Chốt số liệu theo lịch (ngày " + due.referenceDate() + ")"));
        }
    }

    @CommandHandler
    long handle(UnlockSurveyCommand command) {
        String reason = Reasons.require(command.reason());
        if (!locked) {
            throw new DomainException(ErrorCode.INVALID_TRANSITION, "The survey is not locked");
        }
        apply(new SurveyUnlockedEvent(unitId, year, reason));
        return version;
    }

    /** The survey as recorded. */
    Survey survey() {
        return current;
    }

    @EventSourcingHandler
    void on(SurveyRecordedEvent event, @SequenceNumber long sequence) {
        surveyId = PcgdMessages.surveyId(event.unitId(), event.year());
        unitId = event.unitId();
        year = event.year();
        current = new Survey(event.figures(), event.dbkk(), event.conditionsMet());
        dbkkSource = event.dbkkSource();
        version = sequence;
    }

    @EventSourcingHandler
    void on(SurveyLockedEvent event, @SequenceNumber long sequence) {
        locked = true;
        version = sequence;
    }

    @EventSourcingHandler
    void on(SurveyUnlockedEvent event, @SequenceNumber long sequence) {
        locked = false;
        unlockedOnce = true;
        version = sequence;
    }
}
