package vn.xhht.ledger.command.recognition;

import org.springframework.stereotype.Component;
import vn.xhht.ledger.command.assessment.AssessmentConclusions;
import vn.xhht.ledger.command.framework.Frameworks;
import vn.xhht.ledger.command.framework.TitleFrameworks;
import vn.xhht.ledger.command.pcgd.SurveyLevels;
import vn.xhht.ledger.command.unit.Hierarchy;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentStatus;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.GrantRecognitionCommand;

import vn.xhht.ledger.domain.pcgd.Standards;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.util.Objects;

/**
 * The policy "a title is granted on its evidence": a grant from an assessment must match it — reviewed, about the
 * same subject, under a framework for that title, concluded at that level in the same year; a grant without one is
 * ruled by the framework governing the title on the decision's day ({@link TitleFrameworks}); a universal-education
 * level must be reached that data year — by the commune's survey, or for a district or province by the share of its
 * children recognised at that level or higher. Answers the framework that rules the grant (its validity), if any.
 */
@Component
public class GrantEvidence {

    private final AssessmentConclusions assessments;
    private final Frameworks frameworks;
    private final TitleFrameworks titleFrameworks;
    private final SurveyLevels surveyLevels;
    private final RecognisedChildren recognisedChildren;
    private final Hierarchy hierarchy;

    public GrantEvidence(AssessmentConclusions assessments, Frameworks frameworks, TitleFrameworks titleFrameworks,
                         SurveyLevels surveyLevels, RecognisedChildren recognisedChildren, Hierarchy hierarchy) {
        this.assessments = assessments;
        this.frameworks = frameworks;
        this.titleFrameworks = titleFrameworks;
        this.surveyLevels = surveyLevels;
        this.recognisedChildren = recognisedChildren;
        this.hierarchy = hierarchy;
    }

    /** The framework ruling the grant (null: none known), once the grant is found to stand on its evidence. */
    public CriteriaFramework rulesFor(GrantRecognitionCommand command) {
        CriteriaFramework rules;
        if (command.assessmentId() != null) {
            AssessmentConclusions.Conclusion conclusion = assessments.of(command.assessmentId(), Field.of("assessmentId"));
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
        return rules;
    }

    /**
     * A universal-education level is recognised only where it is reached that data year: by the commune's survey, or
     * for a district or province by the share of its children recognised at that level or higher.
     */
    private void requireLevelReached(GrantRecognitionCommand command, CriteriaFramework standard) {
        UnitKind kind = hierarchy.kindOf(command.subjectUnitId(), Field.of("subjectUnitId"));
        if (command.level() == null || !standard.levels().contains(command.level())) {
            throw new DomainException(ErrorCode.INVALID_LEVEL, "level", command.title() + " is recognised at one of "
                    + standard.levels());
        }
        Standards.Outcome outcome;
        if (kind == UnitKind.DISTRICT || kind == UnitKind.PROVINCE) {
            outcome = recognisedChildren.levels(command.subjectUnitId(), kind, command.year(), standard, command.title());
        } else if (kind == UnitKind.COMMUNE) {
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

}
