package vn.xhht.ledger.query.assessment;

import vn.xhht.ledger.domain.assessment.AssessmentMessages.AdjustedScore;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentStatus;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.Score;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the read side keeps of an assessment; names are joined from the framework version when it is read. */
public record AssessmentRecord(String id, String subjectUnitId, String framework, int frameworkVersion, int year,
                               String level, AssessmentStatus status, BigDecimal total, String result,
                               List<Score> scores, List<AdjustedScore> adjustments, Instant dueAt, boolean overdue,
                               boolean late, String returnReason, LocalDate reviewedOn, long version) {

    AssessmentRecord with(AssessmentStatus status, long version) {
        return new AssessmentRecord(id, subjectUnitId, framework, frameworkVersion, year, level, status, total, result,
                                    scores, adjustments, dueAt, overdue, late, returnReason, reviewedOn, version);
    }
}
