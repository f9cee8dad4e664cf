package vn.xhht.ledger.command.pcgd;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.command.unit.Hierarchy;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Reasons;
import vn.xhht.ledger.domain.pcgd.PcgdMessages;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.LockSurveyCommand;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.RecordSurveyCommand;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.SurveyLockedEvent;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.SurveyRecordedEvent;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.SurveyUnlockedEvent;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.UnlockSurveyCommand;
import vn.xhht.ledger.domain.pcgd.Survey;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A commune's universal-education and literacy survey of one data year: recorded and replaced as a whole (the same
 * values store nothing), for a commune that exists at the year's reference date (30 September); locked with a reason,
 * after which it is refused ({@code PERIOD_CLOSED}) until unlocked with a reason (by a higher level: the caller's
 * scope is checked where the request comes in).
 */
@Aggregate(snapshotTriggerDefinition = "")
public class SurveyAggregate {

    @AggregateIdentifier
    private String surveyId;
    private String unitId;
    private int year;
    private Survey current;
    private String dbkkSource;
    private boolean locked;
    private long version = -1;

    protected SurveyAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(RecordSurveyCommand command, Hierarchy hierarchy) {
        if (locked) {
            throw new DomainException(ErrorCode.PERIOD_CLOSED, "The " + command.year() + " survey of " + command.unitId()
                    + " is locked; it must be unlocked before it changes");
        }
        hierarchy.lineageOn(command.unitId(), PcgdMessages.communeReferenceDate(command.year()), "unitId");
        if (hierarchy.kindOf(command.unitId(), "unitId") != UnitKind.COMMUNE) {
            throw new DomainException(ErrorCode.INVALID_HIERARCHY, "unitId",
                                      "A survey is a commune's; " + command.unitId() + " is not a commune");
        }
        Survey survey = PcgdMessages.check(command.survey());
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
        version = sequence;
    }
}
