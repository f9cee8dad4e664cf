package vn.xhht.ledger.command.assessment;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentStatus;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;

/** What other commands may know of an assessment: whom it concerned and what it concluded. */
@Component
public class AssessmentConclusions {

    /** The state of an assessment as a recognition needs it; {@code result} is null until it is reviewed. */
    public record Conclusion(String assessmentId, String subjectUnitId, String framework, int frameworkVersion, int year,
                             AssessmentStatus status, String result, String level) {
    }

    private final Repository<AssessmentAggregate> assessments;

    public AssessmentConclusions(Repository<AssessmentAggregate> assessments) {
        this.assessments = assessments;
    }

    public Conclusion of(String assessmentId, Field field) {
        try {
            return assessments.load(assessmentId).invoke(a -> new Conclusion(
                    assessmentId, a.subjectUnitId(), a.framework(), a.frameworkVersion(), a.year(), a.status(),
                    a.concludedResult(), a.level()));
        } catch (AggregateNotFoundException e) {
            throw new DomainException(ErrorCode.ASSESSMENT_NOT_FOUND, field, "Assessment " + assessmentId + " does not exist");
        }
    }
}
