package vn.xhht.ledger.command.emulation;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.command.recognition.RegisteredTitles;
import vn.xhht.ledger.command.unit.Hierarchy;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.common.ProgrammeTime;
import vn.xhht.ledger.domain.common.Reasons;
import vn.xhht.ledger.domain.emulation.AwardCriteria;
import vn.xhht.ledger.domain.emulation.EmulationMessages;
import vn.xhht.ledger.domain.emulation.EmulationMessages.AwardRevokedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.CriterionCheck;
import vn.xhht.ledger.domain.emulation.EmulationMessages.Decision;
import vn.xhht.ledger.domain.emulation.EmulationMessages.DecideNominationCommand;
import vn.xhht.ledger.domain.emulation.EmulationMessages.ForgetPersonCommand;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominateCommand;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationDecidedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationDraftedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationReturnedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationReviewedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationState;
import vn.xhht.ledger.domain.emulation.EmulationMessages.NominationSubmittedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.PersonForgottenEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.Recommendation;
import vn.xhht.ledger.domain.emulation.EmulationMessages.ReturnNominationCommand;
import vn.xhht.ledger.domain.emulation.EmulationMessages.ReviewNominationCommand;
import vn.xhht.ledger.domain.emulation.EmulationMessages.RevokeAwardCommand;
import vn.xhht.ledger.domain.emulation.EmulationMessages.SealedPerson;
import vn.xhht.ledger.domain.emulation.EmulationMessages.SubmitNominationCommand;
import vn.xhht.ledger.domain.emulation.Movement;
import vn.xhht.ledger.domain.emulation.Movement.Occasion;
import vn.xhht.ledger.domain.emulation.Movement.SubjectKind;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One nomination for an emulation award (DOMAIN-2 §2): drafted by the proposing unit about a collective, household or
 * person at or under it; submitted when the nominee meets the movement's criteria in force that day (titles the service
 * knows are checked, the rest are the proposer's statements for the council); reviewed by the council of the level
 * that decides the form (which proposes it up when the decider is outside the service); decided with a decision number;
 * returned with a reason at any step before the decision; an award revoked with a reason. The one-award rule and the
 * quota are kept by {@link AwardBooks} in the decision's commit. The person's name and position arrive sealed; forgetting
 * the person records that their key is gone.
 */
@Aggregate(snapshotTriggerDefinition = "")
public class NominationAggregate {

    private static final Set<NominationState> RETURNABLE = EnumSet.of(NominationState.SUBMITTED,
            NominationState.COUNCIL_REVIEWED, NominationState.PROPOSED_UP);

    @AggregateIdentifier
    private String nominationId;
    private String movement;
    private String phase;
    private Occasion occasion;
    private int year;
    private String form;
    private SubjectKind subjectKind;
    private String subjectUnitId;
    private String subjectKey;
    private SealedPerson person;
    private boolean forgotten;
    private String proposedByUnitId;
    private String decidingUnitId;
    private boolean proposedUp;
    private NominationState state;
    private Decision decision;
    private long version;

    protected NominationAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(NominateCommand command, Movements movements, Hierarchy hierarchy) {
        Movement rules = movements.movement(command.movement());
        Movement.Phase phase = rules.phase(command.phase()).orElseThrow(() -> invalid(Field.of("phase"),
                command.movement() + " has the phases " + rules.phases().stream().map(Movement.Phase::code).toList()));
        if (command.occasion() == null || !phase.occasions().contains(command.occasion())) {
            throw invalid(Field.of("occasion"), "The occasions of " + phase.code() + " are " + phase.occasions());
        }
        boolean review = command.occasion() == Occasion.SO_KET || command.occasion() == Occasion.TONG_KET;
        if (!review && command.year() == null) {
            throw invalid(Field.of("year"), "The year of a yearly award");
        }
        int year = command.year() == null ? phase.to().getYear() : command.year();
        if (review ? year != phase.to().getYear() : !phase.holdsYear(year)) {
            throw new DomainException(ErrorCode.DATE_OUT_OF_RANGE, "year", review
                    ? "The " + command.occasion() + " of " + phase.code() + " is in " + phase.to().getYear()
                    : phase.code() + " runs from " + phase.from().getYear() + " to " + phase.to().getYear());
        }
        Movement.Form awardForm = rules.form(command.form()).orElseThrow(() -> invalid(Field.of("form"),
                command.movement() + " awards " + rules.forms().stream().map(Movement.Form::code).toList()));
        if (awardForm.reserved()) {
            throw invalid(Field.of("form"), awardForm.code() + " is reserved: no award of it is given in " + command.movement());
        }
        var subject = command.subject();
        if (subject == null || subject.kind() == null) {
            throw invalid(Field.of("subject.kind"), "TAP_THE, HO_GIA_DINH or CA_NHAN");
        }
        if (!awardForm.subjects().contains(subject.kind())) {
            throw invalid(Field.of("subject.kind"), awardForm.code() + " is awarded to " + awardForm.subjects());
        }
        boolean collective = subject.kind() == SubjectKind.TAP_THE;
        if (collective && subject.person() != null) {
            throw invalid(Field.of("subject.name"), "A collective is the unit itself: no person's name");
        }
        if (!collective && (subject.person() == null || subject.person().name() == null)) {
            throw invalid(Field.of("subject.name"), "A household or person is nominated by name");
        }
        if (command.achievements() == null || command.achievements().isBlank()) {
            throw invalid(Field.of("achievements"), "The achievements the award would honour");
        }
        LocalDate today = today();
        List<String> lineage = hierarchy.lineageOn(subject.unitId(), today, Field.of("subject.unitId"));
        if (!lineage.contains(command.proposedByUnitId())) {
            hierarchy.lineageOn(command.proposedByUnitId(), today, Field.of("proposedByUnitId"));
            throw new DomainException(ErrorCode.INVALID_HIERARCHY, "proposedByUnitId", command.proposedByUnitId()
                    + " does not stand above " + subject.unitId() + ": a unit proposes its own and those under it");
        }
        apply(new NominationDraftedEvent(command.nominationId(), rules.code(), phase.code(), command.occasion(), year, awardForm.code(), subject.kind(), subject.unitId(),
                                         subject.person(), command.subjectKey(), command.achievements().strip(),
                                         command.proposedByUnitId()));
        return version;
    }

    @CommandHandler
    long handle(SubmitNominationCommand command, Movements movements, Hierarchy hierarchy, RegisteredTitles titles,
                AwardBooks books) {
        require(state == NominationState.DRAFT || state == NominationState.RETURNED, "submitted");
        LocalDate today = today();
        Movement rules = movements.movement(movement);
        AwardCriteria criteria = movements.criteriaOn(rules, today);
        List<String> lineage = hierarchy.lineageOn(subjectUnitId, today, Field.of("subject.unitId"));
        UnitKind unitKind = hierarchy.kindOf(subjectUnitId, Field.of("subject.unitId"));
        UnitKind parentKind = lineage.size() > 1 ? hierarchy.kindOf(lineage.get(1), Field.of("subject.unitId")) : null;
        AwardCriteria.Group group = criteria.groupOf(subjectKind, unitKind, parentKind).orElseThrow(() ->
                new DomainException(ErrorCode.CRITERIA_NOT_MET, "subject", criteria.code() + " has no criteria for a "
                        + subjectKind + " at a " + unitKind + (parentKind == null ? "" : " under a " + parentKind)));
        List<CriterionCheck> checks = new ArrayList<>();
        for (AwardCriteria.Criterion criterion : group.criteria()) {
            if (criterion.check() == AwardCriteria.Check.TITLE) {
                boolean held = titles.holds(subjectUnitId, criterion.title(), year);
                if (!held) {
                    throw new DomainException(ErrorCode.CRITERIA_NOT_MET, Field.of("criteria").key(criterion.code()),
                            "Criterion " + criterion.code() + " (" + criterion.name() + ") is not met: " + subjectUnitId
                                    + " holds no " + criterion.title() + " valid for " + year);
                }
                checks.add(new CriterionCheck(criterion.code(), criterion.name(), criterion.check(), true,
                                              "Có danh hiệu " + criterion.title() + " còn hiệu lực năm " + year));
            } else {
                checks.add(new CriterionCheck(criterion.code(), criterion.name(), criterion.check(), true,
                                              "Do " + proposedByUnitId + " cam kết"));
            }
        }
        Movement.Form awardForm = rules.form(form).orElseThrow(() -> invalid(Field.of("form"), form + " is no longer awarded"));
        Movement.Deciders deciders = awardForm.decidersOn(today).orElseThrow(() -> invalid(Field.of("form"),
                "No one decides " + form + " on " + today));
        List<String> proposers = hierarchy.lineageOn(proposedByUnitId, today, Field.of("proposedByUnitId"));
        String decider = null;
        for (String unit : proposers) {
            if (deciders.levels().contains(hierarchy.kindOf(unit, Field.of("proposedByUnitId")))) {
                decider = unit;
                break;
            }
        }
        if (decider == null) {
            throw new DomainException(ErrorCode.INVALID_HIERARCHY, "form", "No " + deciders.levels() + " at or above "
                    + proposedByUnitId + " decides " + form + " on " + today);
        }
        books.requireNoAward(registerId(), nominationId);
        String achievements = command.achievements() == null || command.achievements().isBlank() ? null
                : command.achievements().strip();
        apply(new NominationSubmittedEvent(nominationId, subjectUnitId, proposedByUnitId, decider,
                                           deciders.proposedUp(), criteria.code(), criteria.version(), checks,
                                           achievements));
        return version;
    }

    @CommandHandler
    long handle(ReturnNominationCommand command) {
        String reason = Reasons.require(command.reason());
        require(RETURNABLE.contains(state), "returned");
        apply(new NominationReturnedEvent(nominationId, subjectUnitId, proposedByUnitId, reason));
        return version;
    }

    @CommandHandler
    long handle(ReviewNominationCommand command) {
        String reason = Reasons.require(command.reason());
        if (command.recommendation() == null) {
            throw invalid(Field.of("recommendation"), "PROPOSE or REJECT");
        }
        require(state == NominationState.SUBMITTED, "reviewed by the council");
        NominationState next = command.recommendation() == Recommendation.REJECT ? NominationState.REJECTED
                : proposedUp ? NominationState.PROPOSED_UP : NominationState.COUNCIL_REVIEWED;
        apply(new NominationReviewedEvent(nominationId, subjectUnitId, decidingUnitId, command.recommendation(), reason,
                                          next));
        return version;
    }

    @CommandHandler
    long handle(DecideNominationCommand command, AwardBooks books) throws Exception {
        if (command.decision() == null) {
            throw invalid(Field.of("decision"), "AWARDED or REJECTED");
        }
        if (command.decisionNumber() == null || command.decisionNumber().isBlank()) {
            throw invalid(Field.of("decisionNumber"), "The number of the decision");
        }
        if (command.decidedOn() == null) {
            throw invalid(Field.of("decidedOn"), "The day of the decision");
        }
        if (command.decidedOn().isAfter(today())) {
            throw new DomainException(ErrorCode.DATE_OUT_OF_RANGE, "decidedOn", "A decision is recorded once taken");
        }
        String reason = command.decision() == Decision.REJECTED ? Reasons.require(command.reason())
                : command.reason() == null || command.reason().isBlank() ? null : command.reason().strip();
        require(state == NominationState.COUNCIL_REVIEWED || state == NominationState.PROPOSED_UP, "decided");
        if (command.decision() == Decision.AWARDED) {
            books.award(registerId(), quotaId(), nominationId, form, command.quota());
        }
        apply(new NominationDecidedEvent(nominationId, subjectUnitId, decidingUnitId, form, command.decision(),
                                         command.decisionNumber().strip(), command.decidedOn(), reason));
        return version;
    }

    @CommandHandler
    long handle(RevokeAwardCommand command, AwardBooks books) {
        String reason = Reasons.require(command.reason());
        require(state == NominationState.DECIDED && decision == Decision.AWARDED, "revoked");
        books.release(registerId(), quotaId(), nominationId);
        apply(new AwardRevokedEvent(nominationId, subjectUnitId, reason));
        return version;
    }

    @CommandHandler
    long handle(ForgetPersonCommand command) {
        String reason = Reasons.require(command.reason());
        if (person == null) {
            throw new DomainException(ErrorCode.INVALID_TRANSITION, "The nomination names no person");
        }
        if (forgotten) {
            throw new DomainException(ErrorCode.INVALID_TRANSITION, "The person was already forgotten");
        }
        apply(new PersonForgottenEvent(nominationId, subjectUnitId, person.personId(), reason));
        return version;
    }

    private String registerId() {
        return EmulationMessages.registerId(subjectKey, movement, phase, occasion, year);
    }

    private String quotaId() {
        return EmulationMessages.quotaId(decidingUnitId, form, movement, phase, occasion, year);
    }

    private void require(boolean allowed, String what) {
        if (!allowed) {
            throw new DomainException(ErrorCode.INVALID_TRANSITION, "A nomination in state " + state + " cannot be " + what);
        }
    }

    private static DomainException invalid(Field field, String message) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, field, message);
    }

    private static LocalDate today() {
        return ProgrammeTime.dayOf(GenericEventMessage.clock.instant());
    }

    @EventSourcingHandler
    void on(NominationDraftedEvent event, @SequenceNumber long sequence) {
        nominationId = event.nominationId();
        movement = event.movement();
        phase = event.phase();
        occasion = event.occasion();
        year = event.year();
        form = event.form();
        subjectKind = event.subjectKind();
        subjectUnitId = event.subjectUnitId();
        subjectKey = event.subjectKey();
        person = event.person();
        proposedByUnitId = event.proposedByUnitId();
        state = NominationState.DRAFT;
        version = sequence;
    }

    @EventSourcingHandler
    void on(NominationSubmittedEvent event, @SequenceNumber long sequence) {
        decidingUnitId = event.decidingUnitId();
        proposedUp = event.proposedUp();
        state = NominationState.SUBMITTED;
        version = sequence;
    }

    @EventSourcingHandler
    void on(NominationReturnedEvent event, @SequenceNumber long sequence) {
        state = NominationState.RETURNED;
        version = sequence;
    }

    @EventSourcingHandler
    void on(NominationReviewedEvent event, @SequenceNumber long sequence) {
        state = event.state();
        version = sequence;
    }

    @EventSourcingHandler
    void on(NominationDecidedEvent event, @SequenceNumber long sequence) {
        state = event.decision() == Decision.AWARDED ? NominationState.DECIDED : NominationState.REJECTED;
        decision = event.decision();
        version = sequence;
    }

    @EventSourcingHandler
    void on(AwardRevokedEvent event, @SequenceNumber long sequence) {
        state = NominationState.REVOKED;
        version = sequence;
    }

    @EventSourcingHandler
    void on(PersonForgottenEvent event, @SequenceNumber long sequence) {
        forgotten = true;
        version = sequence;
    }
}
