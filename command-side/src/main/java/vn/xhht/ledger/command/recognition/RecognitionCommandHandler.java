package vn.xhht.ledger.command.recognition;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.command.assessment.AssessmentCommandHandler;
import vn.xhht.ledger.command.assessment.AssessmentConclusions;
import vn.xhht.ledger.command.framework.Frameworks;
import vn.xhht.ledger.command.framework.TitleFrameworks;
import vn.xhht.ledger.command.pcgd.SurveyLevels;
import vn.xhht.ledger.command.period.PeriodLedgers;
import vn.xhht.ledger.command.unit.Hierarchy;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentStatus;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.ProgrammeTime;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.recognition.RecognitionMessages;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.CorrectRecognitionValidityCommand;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.GrantRecognitionCommand;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionGrantedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RevokeRecognitionCommand;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Grants and revokes titles. A grant names the subject, title, level and decision; when it comes from an assessment,
 * the assessment must be reviewed, about the same subject, under a framework for that title, and concluded at that
 * level. Validity follows the framework — the assessment's, else the one governing the title on the decision's day
 * ({@link TitleFrameworks}): valid through 31 Dec of the recognition year plus its {@code validityYears}
 * (the recognition year only when no framework is known). The grant, the subject's title register and the period
 * ledgers of the subject's lineage are stored in one commit.
 */
@Component
public class RecognitionCommandHandler {

    private final Repository<RecognitionAggregate> recognitions;
    private final Repository<TitleRegisterAggregate> registers;
    private final AssessmentConclusions assessments;
    private final Frameworks frameworks;
    private final TitleFrameworks titleFrameworks;
    private final SurveyLevels surveyLevels;
    private final RecognisedChildren recognisedChildren;
    private final Hierarchy hierarchy;
    private final PeriodLedgers periods;

    public RecognitionCommandHandler(Repository<RecognitionAggregate> recognitions,
                                     Repository<TitleRegisterAggregate> registers, AssessmentConclusions assessments,
                                     Frameworks frameworks, TitleFrameworks titleFrameworks, Hierarchy hierarchy,
                                     PeriodLedgers periods, SurveyLevels surveyLevels,
                                     RecognisedChildren recognisedChildren) {
        this.titleFrameworks = titleFrameworks;
        this.surveyLevels = surveyLevels;
        this.recognisedChildren = recognisedChildren;
        this.recognitions = recognitions;
        this.registers = registers;
        this.assessments = assessments;
        this.frameworks = frameworks;
        this.hierarchy = hierarchy;
        this.periods = periods;
    }

    @CommandHandler
    public long handle(GrantRecognitionCommand command) throws Exception {
        List<String> lineage = hierarchy.lineageOn(command.subjectUnitId(), command.decidedOn(), "subjectUnitId");
        CriteriaFramework rules = null;
        if (command.assessmentId() != null) {
            AssessmentConclusions.Conclusion conclusion = assessments.of(command.assessmentId(), "assessmentId");
            rules = frameworks.version(conclusion.framework(), conclusion.frameworkVersion());
            requireMatch(command, conclusion, rules);
        } else {
            // without an assessment the title's own framework (the one in force on the decision's day) rules
            rules = titleFrameworks.inForceOn(command.title().name(), command.decidedOn())
                                   .map(f -> frameworks.version(f.code(), f.version())).orElse(null);
        }
        if (rules != null && rules.surveyStandard()) {
            requireLevelReached(command, rules);
        }
        int validityYears = rules == null || rules.validityYears() == null ? 0 : rules.validityYears();
        LocalDate validThrough = LocalDate.of(command.year() + validityYears, 12, 31);
        String registerId = RecognitionMessages.registryId(command.subjectUnitId());
        registers.loadOrCreate(registerId, () -> new TitleRegisterAggregate(command.subjectUnitId()))
                 .execute(r -> r.record(command.recognitionId(), command.title(), command.level(), command.year(),
                                        command.decidedOn(), validThrough));
        periods.admit(lineage, command.decidedOn(), command.recognitionId(), "RecognitionGranted");
        RecognitionGrantedEvent granted = new RecognitionGrantedEvent(
                command.recognitionId(), command.title(), command.subjectUnitId(), command.year(), command.level(),
                command.decisionNumber(), command.decidedOn(), command.assessmentId(),
                rules == null ? null : rules.code(), rules == null ? null : rules.version(), validThrough);
        return recognitions.newInstance(() -> new RecognitionAggregate(granted)).version();
    }

    /**
     * A universal-education level is recognised only where it is reached that data year: by the commune's survey, or
     * for a district or province by the share of its children recognised at that level or higher.
     */
    private void requireLevelReached(GrantRecognitionCommand command, CriteriaFramework standard) {
        vn.xhht.ledger.domain.unit.UnitKind kind = hierarchy.kindOf(command.subjectUnitId(), "subjectUnitId");
        if (command.level() == null || !standard.levels().contains(command.level())) {
            throw new DomainException(ErrorCode.INVALID_LEVEL, "level", command.title() + " is recognised at one of "
                    + standard.levels());
        }
        vn.xhht.ledger.domain.pcgd.Standards.Outcome outcome;
        if (kind == vn.xhht.ledger.domain.unit.UnitKind.DISTRICT || kind == vn.xhht.ledger.domain.unit.UnitKind.PROVINCE) {
            outcome = recognisedChildren.levels(command.subjectUnitId(), kind, command.year(), standard, command.title());
        } else if (kind == vn.xhht.ledger.domain.unit.UnitKind.COMMUNE) {
            outcome = surveyLevels.of(command.subjectUnitId(), command.year(), standard)
                    .orElseThrow(() -> new DomainException(ErrorCode.CONCLUSION_MISMATCH, "level", "No " + command.year()
                            + " survey of " + command.subjectUnitId() + ": its levels cannot be known"));
        } else {
            throw new DomainException(ErrorCode.INVALID_TITLE, "subjectUnitId", command.title()
                    + " is recognised for communes, districts and provinces");
        }
        if (!outcome.reached().contains(command.level())) {
            throw new DomainException(ErrorCode.CONCLUSION_MISMATCH, "level", "By its " + command.year() + " survey "
                    + command.subjectUnitId() + " reaches " + outcome.result() + " of " + standard.code() + ", not "
                    + command.level());
        }
    }

    private static void requireMatch(GrantRecognitionCommand command, AssessmentConclusions.Conclusion conclusion,
                                     CriteriaFramework rules) {
        String problem = null;
        if (conclusion.status() != AssessmentStatus.REVIEWED) {
            problem = "assessment " + conclusion.assessmentId() + " has not been reviewed";
        } else if (!conclusion.subjectUnitId().equals(command.subjectUnitId())) {
            problem = "the assessment concerned " + conclusion.subjectUnitId();
        } else if (!command.title().name().equals(rules.subjectTitle())) {
            problem = rules.code() + " assesses " + rules.subjectTitle() + ", not " + command.title();
        } else if (CriteriaFramework.NOT_MET.equals(conclusion.result())) {
            problem = "the assessment concluded " + conclusion.result();
        } else if (rules.decision() == CriteriaFramework.Decision.ALL_MET
                && !Objects.equals(command.level(), conclusion.result())) {
            problem = "the assessment concluded level " + conclusion.result();
        } else if (conclusion.year() != command.year()) {
            problem = "the assessment was for " + conclusion.year();
        }
        if (problem != null) {
            throw new DomainException(ErrorCode.CONCLUSION_MISMATCH, "assessmentId",
                                      "The recognition does not match its assessment: " + problem);
        }
    }

    @CommandHandler
    public long handle(RevokeRecognitionCommand command) throws Exception {
        Aggregate<RecognitionAggregate> recognition = load(command.recognitionId(), command.expectedVersion());
        LocalDate today = ProgrammeTime.dayOf(GenericEventMessage.clock.instant());
        long version = recognition.invoke(r -> r.revoke(command.reason(), today));
        String subject = recognition.invoke(RecognitionAggregate::subjectUnitId);
        periods.admit(hierarchy.lineageOn(subject, today, "subjectUnitId"), today, command.recognitionId(),
                      "RecognitionRevoked");
        registers.load(RecognitionMessages.registryId(subject)).execute(r -> r.withdraw(command.recognitionId(), today));
        return version;
    }

    /**
     * A corrected validity changes the figures of every year between the old and the new last year: each of those
     * years must be open for the subject's lineage (as it stood at that year's end), as for any fact dated in it.
     */
    @CommandHandler
    public long handle(CorrectRecognitionValidityCommand command) throws Exception {
        Aggregate<RecognitionAggregate> recognition = load(command.recognitionId(), command.expectedVersion());
        LocalDate today = ProgrammeTime.dayOf(GenericEventMessage.clock.instant());
        List<Integer> years = recognition.invoke(r -> r.correctValidity(command.validThrough(), command.reason(), today));
        if (years.isEmpty()) {
            return recognition.invoke(RecognitionAggregate::version);
        }
        String subject = recognition.invoke(RecognitionAggregate::subjectUnitId);
        for (int year : years) {
            LocalDate yearEnd = LocalDate.of(year, 12, 31);
            periods.admit(hierarchy.lineageOn(subject, yearEnd, "subjectUnitId"), yearEnd, command.recognitionId(),
                          "RecognitionValidityCorrected");
        }
        registers.load(RecognitionMessages.registryId(subject))
                 .execute(r -> r.correctValidity(command.recognitionId(), command.validThrough()));
        return recognition.invoke(RecognitionAggregate::version);
    }

    private Aggregate<RecognitionAggregate> load(String recognitionId, Long expectedVersion) {
        try {
            return recognitions.load(recognitionId, expectedVersion);
        } catch (AggregateNotFoundException e) {
            throw new DomainException(ErrorCode.RECOGNITION_NOT_FOUND, "Recognition " + recognitionId + " does not exist");
        }
    }
}
