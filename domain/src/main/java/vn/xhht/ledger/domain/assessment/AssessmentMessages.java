package vn.xhht.ledger.domain.assessment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.serialization.Revision;
import vn.xhht.ledger.domain.framework.IndicatorValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Commands, events, queries and views of self-assessments and their review. */
public final class AssessmentMessages {
    private AssessmentMessages() {
    }

    /**
     * Revision of the events that carry indicator values: "2" since values may be ratios and counts (revision 1,
     * stored without a revision, had points and met only; {@code AssessmentValuesUpcaster} reads it as 2).
     */
    public static final String VALUES_REVISION = "2";

    public enum AssessmentStatus { DRAFT, SUBMITTED, RETURNED, REVIEWED }

    /**
     * A value for one indicator, of the indicator's kind: {@code points}, {@code met}, {@code numerator} and
     * {@code denominator}, or {@code count}.
     */
    public record Score(String indicator, BigDecimal points, Boolean met, String evidence, BigDecimal numerator,
                        BigDecimal denominator, BigDecimal count) {

        public Score(String indicator, BigDecimal points, Boolean met, String evidence) {
            this(indicator, points, met, evidence, null, null, null);
        }

        public IndicatorValue value() {
            return new IndicatorValue(points, met, numerator, denominator, count);
        }
    }

    /** A reviewer's change to one indicator (a value of the indicator's kind), with why. */
    public record Adjustment(String indicator, BigDecimal points, Boolean met, String reason, BigDecimal numerator,
                             BigDecimal denominator, BigDecimal count) {

        public Adjustment(String indicator, BigDecimal points, Boolean met, String reason) {
            this(indicator, points, met, reason, null, null, null);
        }

        public IndicatorValue value() {
            return new IndicatorValue(points, met, numerator, denominator, count);
        }
    }

    /**
     * An adjustment as stored: the self-assessed value ({@code self…}) beside the reviewed one. The ratio and count
     * parts came with per-level targets (revision 2 of the events that carry it); earlier ones have only points or
     * met.
     */
    public record AdjustedScore(String indicator, BigDecimal selfPoints, Boolean selfMet, BigDecimal points,
                                Boolean met, String reason, BigDecimal selfNumerator, BigDecimal selfDenominator,
                                BigDecimal selfCount, BigDecimal numerator, BigDecimal denominator, BigDecimal count) {

        public static AdjustedScore of(String indicator, IndicatorValue self, IndicatorValue reviewed, String reason) {
            IndicatorValue before = self == null ? new IndicatorValue(null, null, null, null, null) : self;
            return new AdjustedScore(indicator, before.points(), before.met(), reviewed.points(), reviewed.met(),
                                     reason, before.numerator(), before.denominator(), before.count(),
                                     reviewed.numerator(), reviewed.denominator(), reviewed.count());
        }

        public IndicatorValue selfValue() {
            return new IndicatorValue(selfPoints, selfMet, selfNumerator, selfDenominator, selfCount);
        }

        public IndicatorValue reviewedValue() {
            return new IndicatorValue(points, met, numerator, denominator, count);
        }
    }

    public record Conclusion(String result, String level) {
    }

    // ------------------------------------------------------------------ commands

    public record OpenAssessmentCommand(@TargetAggregateIdentifier String assessmentId, String subjectUnitId, String framework,
                                        Integer frameworkVersion, int year, String level, List<Score> scores) {
    }

    public record UpdateAssessmentScoresCommand(@TargetAggregateIdentifier String assessmentId, List<Score> scores, @TargetAggregateVersion Long expectedVersion) {
    }

    public record SubmitAssessmentCommand(@TargetAggregateIdentifier String assessmentId, @TargetAggregateVersion Long expectedVersion) {
    }

    public record ReturnAssessmentCommand(@TargetAggregateIdentifier String assessmentId, String reason, @TargetAggregateVersion Long expectedVersion) {
    }

    public record ReviewAssessmentCommand(@TargetAggregateIdentifier String assessmentId, List<Adjustment> adjustments, Conclusion conclusion,
                                          @TargetAggregateVersion Long expectedVersion) {
    }

    // ------------------------------------------------------------------ events

    @Revision(AssessmentMessages.VALUES_REVISION)
    public record AssessmentOpenedEvent(String assessmentId, String subjectUnitId, String framework,
                                        int frameworkVersion, int year, String level, List<Score> scores,
                                        BigDecimal total, String result, Instant dueAt) {
    }

    @Revision(AssessmentMessages.VALUES_REVISION)
    public record AssessmentScoresUpdatedEvent(String assessmentId, List<Score> scores, BigDecimal total,
                                               String result) {
    }

    public record AssessmentSubmittedEvent(String assessmentId, boolean late) {
    }

    public record AssessmentReturnedEvent(String assessmentId, String reason) {
    }

    @Revision(AssessmentMessages.VALUES_REVISION)
    public record AssessmentReviewedEvent(String assessmentId, List<AdjustedScore> adjustments, BigDecimal total,
                                          String result, String level, LocalDate reviewedOn) {
    }

    /** The filing deadline passed while the assessment was still a draft (or returned and not resubmitted). */
    public record AssessmentOverdueEvent(String assessmentId, Instant dueAt) {
    }

    /** The deadline payload the assessment schedules for itself. */
    public record FilingDeadlineReached(String assessmentId) {
    }

    // ------------------------------------------------------------------ one open assessment per subject, framework and year

    public record AssessmentSlotClaimedEvent(String slotId, String assessmentId) {
    }

    public record AssessmentSlotReleasedEvent(String slotId, String assessmentId) {
    }

    public static String slotId(String subjectUnitId, String framework, int year) {
        return "assessment-slot:" + subjectUnitId + ":" + framework + ":" + year;
    }

    // ------------------------------------------------------------------ queries

    /** An assessment as it stands, or as the service knew it at {@code asOf} (record time; null: now). */
    public record FetchAssessmentQuery(String assessmentId, java.time.Instant asOf) {
        public FetchAssessmentQuery(String assessmentId) {
            this(assessmentId, null);
        }
    }

    /** Assessments of any of {@code subjectUnitIds}, optionally filtered, as they stand or as they stood at {@code asOf}. */
    public record FetchAssessmentsQuery(List<String> subjectUnitIds, Integer year, AssessmentStatus status,
                                        Boolean overdue, int limit, String cursor, java.time.Instant asOf) {
        public FetchAssessmentsQuery(List<String> subjectUnitIds, Integer year, AssessmentStatus status,
                                     Boolean overdue, int limit, String cursor) {
            this(subjectUnitIds, year, status, overdue, limit, cursor, null);
        }
    }

    /** One indicator of an assessment: its self-assessed value and, once reviewed, the reviewed one. */
    public record ScoreView(String indicator, String criterion, String name, IndicatorValue.Shown self,
                            IndicatorValue.Shown reviewed, String reason, String evidence) {
    }

    public record AssessmentView(String id, String subjectUnitId, String framework, int frameworkVersion, int year,
                                 String level, AssessmentStatus status, BigDecimal total, String result,
                                 List<ScoreView> scores, Instant dueAt, boolean overdue, boolean late,
                                 String returnReason, LocalDate reviewedOn, long version) {
    }
}
