package vn.xhht.ledger.command.assessment;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import vn.xhht.ledger.command.framework.Frameworks;
import vn.xhht.ledger.command.period.PeriodLedgers;
import vn.xhht.ledger.command.unit.Hierarchy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AdjustedScore;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.Adjustment;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentOpenedEvent;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentOverdueEvent;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentReturnedEvent;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentReviewedEvent;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentScoresUpdatedEvent;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentStatus;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentSubmittedEvent;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.Conclusion;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.FilingDeadlineReached;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.OpenAssessmentCommand;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.ReturnAssessmentCommand;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.ReviewAssessmentCommand;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.Score;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.SubmitAssessmentCommand;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.UpdateAssessmentScoresCommand;
import vn.xhht.ledger.domain.assessment.ScoreRules;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.common.ProgrammeTime;
import vn.xhht.ledger.domain.common.Reasons;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Indicator;
import vn.xhht.ledger.domain.framework.Decisions;
import vn.xhht.ledger.domain.framework.IndicatorValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A self-assessment against one framework version: draft → submitted → (returned → resubmitted) → reviewed. The
 * version it was opened under is kept for good; a later version changes nothing here. The filing deadline is an
 * Axon deadline: a draft still open when it passes is marked overdue, and a later submission is flagged late.
 */
@Aggregate(snapshotTriggerDefinition = "")
public class AssessmentAggregate {

    static final String FILING_DEADLINE = "filing-deadline";

    @AggregateIdentifier
    private String assessmentId;
    private String subjectUnitId;
    private String framework;
    private int frameworkVersion;
    private int year;
    private String level;
    private AssessmentStatus status;
    private Map<String, IndicatorValue> values = new LinkedHashMap<>();
    private Instant dueAt;
    private String result;
    private boolean overdue;
    private long version;

    protected AssessmentAggregate() {
        // for Axon
    }

    /**
     * Opens an assessment under the framework version asked for (the latest by default) for a subject that exists at
     * the year's end (or today), at a level of that framework — not sooner after the subject's lower title than the
     * upgrade rule allows — claiming the subject's slot for the framework and year; the filing deadline is armed.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(OpenAssessmentCommand command, Frameworks frameworks, Hierarchy hierarchy, TitleHistory titles,
                AssessmentSlots slots, DeadlineManager deadlines) throws Exception {
        CriteriaFramework rules = frameworks.version(command.framework(), command.frameworkVersion());
        LocalDate today = today();
        LocalDate yearEnd = LocalDate.of(command.year(), 12, 31);
        hierarchy.lineageOn(command.subjectUnitId(), yearEnd.isAfter(today) ? today : yearEnd, Field.of("subjectUnitId"));
        ScoreRules.levelOfFramework(rules, command.level());
        if (rules.upgrade() != null && command.level() != null) {
            ScoreRules.upgradeNotTooEarly(rules, command.level(), titles.latestRecognition(
                    command.subjectUnitId(), rules.subjectTitle(), rules.upgrade().fromLevel()).orElse(null), today);
        }
        slots.claim(command.subjectUnitId(), rules.code(), command.year(), command.assessmentId());
        if (rules.surveyStandard()) {
            throw new DomainException(ErrorCode.UNKNOWN_FRAMEWORK, "framework", rules.code()
                    + " is a standard read from the commune's survey, not a self-assessment framework");
        }
        List<Score> scores = command.scores() == null ? List.of() : command.scores();
        Map<String, IndicatorValue> checked = ScoreRules.check(rules, scores);
        Instant due = rules.filingDeadline().atYear(command.year() + 1).atStartOfDay(ProgrammeTime.ZONE).toInstant();
        apply(new AssessmentOpenedEvent(command.assessmentId(), command.subjectUnitId(), rules.code(), rules.version(),
                                        command.year(), command.level(), List.copyOf(scores), total(rules, checked),
                                        Decisions.resultOf(rules, checked), due));
        deadlines.schedule(dueAt, FILING_DEADLINE, new FilingDeadlineReached(assessmentId));
        return version;
    }

    @CommandHandler
    long handle(UpdateAssessmentScoresCommand command, Frameworks frameworks) {
        return updateScores(rules(frameworks), command.scores() == null ? List.of() : command.scores());
    }

    @CommandHandler
    long handle(SubmitAssessmentCommand command, Frameworks frameworks) {
        return submit(rules(frameworks));
    }

    @CommandHandler
    long handle(ReturnAssessmentCommand command) {
        return returnForCompletion(command.reason());
    }

    /**
     * Reviews the submitted assessment under its own framework version; the review is a fact dated today, admitted into
     * the open periods of the subject's lineage, and it frees the subject's slot.
     */
    @CommandHandler
    long handle(ReviewAssessmentCommand command, Frameworks frameworks, Hierarchy hierarchy, PeriodLedgers periods,
                AssessmentSlots slots, DeadlineManager deadlines) throws Exception {
        CriteriaFramework rules = rules(frameworks);
        LocalDate reviewedOn = today();
        review(rules, command.adjustments() == null ? List.of() : command.adjustments(), command.conclusion(), reviewedOn,
               deadlines);
        periods.admit(hierarchy.lineageOn(subjectUnitId, reviewedOn, Field.of("subjectUnitId")), reviewedOn, assessmentId,
                      "AssessmentReviewed");
        slots.release(subjectUnitId, rules.code(), year, assessmentId);
        return version;
    }

    /** The framework version the assessment was opened under: every later command is judged by it. */
    private CriteriaFramework rules(Frameworks frameworks) {
        return frameworks.version(framework, frameworkVersion);
    }

    private static LocalDate today() {
        return ProgrammeTime.dayOf(GenericEventMessage.clock.instant());
    }

    private long updateScores(CriteriaFramework rules, List<Score> scores) {
        requireStatus("change the scores of", AssessmentStatus.DRAFT, AssessmentStatus.RETURNED);
        Map<String, IndicatorValue> checked = ScoreRules.check(rules, scores);
        apply(new AssessmentScoresUpdatedEvent(assessmentId, List.copyOf(scores), total(rules, checked),
                                               Decisions.resultOf(rules, checked)));
        return version;
    }

    private long submit(CriteriaFramework rules) {
        requireStatus("submit", AssessmentStatus.DRAFT, AssessmentStatus.RETURNED);
        ScoreRules.complete(rules, level, values);
        apply(new AssessmentSubmittedEvent(assessmentId, now().isAfter(dueAt)));
        return version;
    }

    private long returnForCompletion(String reason) {
        String why = Reasons.require(reason);
        requireStatus("return", AssessmentStatus.SUBMITTED);
        apply(new AssessmentReturnedEvent(assessmentId, why));
        return version;
    }

    private long review(CriteriaFramework rules, List<Adjustment> adjustments, Conclusion conclusion, LocalDate reviewedOn,
                DeadlineManager deadlines) {
        requireStatus("review", AssessmentStatus.SUBMITTED);
        Map<String, IndicatorValue> reviewed = new LinkedHashMap<>(values);
        List<AdjustedScore> changes = new ArrayList<>();
        for (int i = 0; i < adjustments.size(); i++) {
            Adjustment adjustment = adjustments.get(i);
            Field field = Field.of("adjustments").at(i);
            Indicator indicator = ScoreRules.knownIndicator(rules, adjustment.indicator(), field.dot("indicator"));
            IndicatorValue value = ScoreRules.valueWithinRange(rules, indicator, adjustment.value(), field);
            if (adjustment.reason() == null || adjustment.reason().isBlank()) {
                throw new DomainException(ErrorCode.REASON_REQUIRED, field.dot("reason"),
                                          "Each adjustment needs a reason");
            }
            changes.add(AdjustedScore.of(indicator.code(), values.get(indicator.code()), value,
                                         adjustment.reason().strip()));
            reviewed.put(indicator.code(), value);
        }
        String result = Decisions.resultOf(rules, reviewed);
        String concludedLevel = rules.decision() == CriteriaFramework.Decision.ALL_MET
                && !CriteriaFramework.NOT_MET.equals(result) ? result : null;
        if (conclusion == null || !result.equals(conclusion.result())
                || (conclusion.level() != null && !conclusion.level().equals(concludedLevel))) {
            throw new DomainException(ErrorCode.CONCLUSION_MISMATCH, "conclusion.result",
                                      "By the rules of " + rules.code() + " version " + rules.version()
                                      + " the result is " + result + (concludedLevel == null ? "" : " (level " + concludedLevel + ")"));
        }
        apply(new AssessmentReviewedEvent(assessmentId, changes, total(rules, reviewed), result, concludedLevel,
                                          reviewedOn));
        deadlines.cancelAllWithinScope(FILING_DEADLINE);
        return version;
    }

    @DeadlineHandler(deadlineName = FILING_DEADLINE)
    void on(FilingDeadlineReached deadline) {
        // every node arms every stored deadline, so it may arrive more than once: it marks the assessment once
        if (!overdue && (status == AssessmentStatus.DRAFT || status == AssessmentStatus.RETURNED)) {
            apply(new AssessmentOverdueEvent(assessmentId, dueAt));
        }
    }

    String subjectUnitId() {
        return subjectUnitId;
    }

    String framework() {
        return framework;
    }

    int frameworkVersion() {
        return frameworkVersion;
    }

    int year() {
        return year;
    }

    AssessmentStatus status() {
        return status;
    }

    /** The concluded result (after review), else null. */
    String concludedResult() {
        return status == AssessmentStatus.REVIEWED ? result : null;
    }

    /** The concluded level (all-met frameworks), else the level applied for. */
    String level() {
        return level;
    }

    private void requireStatus(String action, AssessmentStatus... allowed) {
        for (AssessmentStatus candidate : allowed) {
            if (candidate == status) {
                return;
            }
        }
        throw new DomainException(ErrorCode.INVALID_TRANSITION,
                                  "Cannot " + action + " assessment " + assessmentId + " while it is " + status);
    }

    private static java.math.BigDecimal total(CriteriaFramework rules, Map<String, IndicatorValue> values) {
        return rules.decision() == CriteriaFramework.Decision.POINTS ? Decisions.totalPoints(values) : null;
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private void replaceValues(List<Score> scores) {
        values = new LinkedHashMap<>();
        for (Score score : scores) {
            values.put(score.indicator(), score.value());
        }
    }

    @EventSourcingHandler
    void on(AssessmentOpenedEvent event, @SequenceNumber long sequence) {
        assessmentId = event.assessmentId();
        subjectUnitId = event.subjectUnitId();
        framework = event.framework();
        frameworkVersion = event.frameworkVersion();
        year = event.year();
        level = event.level();
        dueAt = event.dueAt();
        status = AssessmentStatus.DRAFT;
        replaceValues(event.scores());
        version = sequence;
    }

    @EventSourcingHandler
    void on(AssessmentScoresUpdatedEvent event, @SequenceNumber long sequence) {
        replaceValues(event.scores());
        version = sequence;
    }

    @EventSourcingHandler
    void on(AssessmentSubmittedEvent event, @SequenceNumber long sequence) {
        status = AssessmentStatus.SUBMITTED;
        version = sequence;
    }

    @EventSourcingHandler
    void on(AssessmentReturnedEvent event, @SequenceNumber long sequence) {
        status = AssessmentStatus.RETURNED;
        version = sequence;
    }

    @EventSourcingHandler
    void on(AssessmentReviewedEvent event, @SequenceNumber long sequence) {
        status = AssessmentStatus.REVIEWED;
        result = event.result();
        if (event.level() != null) {
            level = event.level();
        }
        for (AdjustedScore change : event.adjustments()) {
            values.put(change.indicator(), change.reviewedValue());
        }
        version = sequence;
    }

    @EventSourcingHandler
    void on(AssessmentOverdueEvent event, @SequenceNumber long sequence) {
        version = sequence;
        overdue = true;
        Objects.requireNonNull(event.assessmentId());
    }
}
