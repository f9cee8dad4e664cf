package vn.xhht.ledger.command.assessment;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.command.framework.Frameworks;
import vn.xhht.ledger.command.period.PeriodLedgers;
import vn.xhht.ledger.command.unit.Hierarchy;
import vn.xhht.ledger.domain.assessment.AssessmentMessages;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.OpenAssessmentCommand;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.ReturnAssessmentCommand;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.ReviewAssessmentCommand;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.SubmitAssessmentCommand;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.UpdateAssessmentScoresCommand;
import vn.xhht.ledger.domain.assessment.ScoreRules;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.ProgrammeTime;
import vn.xhht.ledger.domain.framework.CriteriaFramework;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Assessment commands: each is judged by the framework version the assessment was opened under. Answers the
 * assessment's version after the command.
 */
@Component
public class AssessmentCommandHandler {

    private final Repository<AssessmentAggregate> assessments;
    private final Repository<AssessmentSlotAggregate> slots;
    private final Frameworks frameworks;
    private final Hierarchy hierarchy;
    private final PeriodLedgers periods;
    private final TitleHistory titles;

    public AssessmentCommandHandler(Repository<AssessmentAggregate> assessments,
                                    Repository<AssessmentSlotAggregate> slots, Frameworks frameworks,
                                    Hierarchy hierarchy, PeriodLedgers periods, TitleHistory titles) {
        this.assessments = assessments;
        this.slots = slots;
        this.frameworks = frameworks;
        this.hierarchy = hierarchy;
        this.periods = periods;
        this.titles = titles;
    }

    @CommandHandler
    public long handle(OpenAssessmentCommand command, DeadlineManager deadlines) throws Exception {
        CriteriaFramework rules = frameworks.version(command.framework(), command.frameworkVersion());
        LocalDate today = today();
        hierarchy.lineageOn(command.subjectUnitId(), LocalDate.of(command.year(), 12, 31).isAfter(today)
                ? today : LocalDate.of(command.year(), 12, 31), "subjectUnitId");
        ScoreRules.levelOfFramework(rules, command.level());
        if (rules.upgrade() != null && command.level() != null) {
            ScoreRules.upgradeNotTooEarly(rules, command.level(), titles.latestRecognition(
                    command.subjectUnitId(), rules.subjectTitle(), rules.upgrade().fromLevel()).orElse(null), today);
        }
        String slotId = AssessmentMessages.slotId(command.subjectUnitId(), rules.code(), command.year());
        slots.loadOrCreate(slotId, () -> new AssessmentSlotAggregate(slotId))
             .execute(slot -> slot.claim(command.assessmentId()));
        Instant dueAt = rules.filingDeadline().atYear(command.year() + 1).atStartOfDay(ProgrammeTime.ZONE).toInstant();
        Aggregate<AssessmentAggregate> assessment = assessments.newInstance(() -> new AssessmentAggregate(
                command.assessmentId(), command.subjectUnitId(), rules, command.year(), command.level(),
                command.scores() == null ? List.of() : command.scores(), dueAt));
        assessment.execute(a -> a.scheduleFilingDeadline(deadlines));
        return assessment.version();
    }

    @CommandHandler
    public long handle(UpdateAssessmentScoresCommand command) {
        Aggregate<AssessmentAggregate> assessment = load(command.assessmentId(), command.expectedVersion());
        CriteriaFramework rules = rulesOf(assessment);
        return assessment.invoke(a -> a.updateScores(rules, command.scores() == null ? List.of() : command.scores()));
    }

    @CommandHandler
    public long handle(SubmitAssessmentCommand command) {
        Aggregate<AssessmentAggregate> assessment = load(command.assessmentId(), command.expectedVersion());
        CriteriaFramework rules = rulesOf(assessment);
        return assessment.invoke(a -> a.submit(rules));
    }

    @CommandHandler
    public long handle(ReturnAssessmentCommand command) {
        return load(command.assessmentId(), command.expectedVersion())
                .invoke(a -> a.returnForCompletion(command.reason()));
    }

    @CommandHandler
    public long handle(ReviewAssessmentCommand command, DeadlineManager deadlines) throws Exception {
        Aggregate<AssessmentAggregate> assessment = load(command.assessmentId(), command.expectedVersion());
        CriteriaFramework rules = rulesOf(assessment);
        LocalDate reviewedOn = today();
        long version = assessment.invoke(a -> a.review(rules, command.adjustments() == null ? List.of()
                : command.adjustments(), command.conclusion(), reviewedOn, deadlines));
        String subject = assessment.invoke(AssessmentAggregate::subjectUnitId);
        periods.admit(hierarchy.lineageOn(subject, reviewedOn, "subjectUnitId"), reviewedOn, command.assessmentId(),
                      "AssessmentReviewed");
        String slotId = AssessmentMessages.slotId(subject, rules.code(), assessment.invoke(AssessmentAggregate::year));
        slots.load(slotId).execute(slot -> slot.release(command.assessmentId()));
        return version;
    }

    private CriteriaFramework rulesOf(Aggregate<AssessmentAggregate> assessment) {
        return frameworks.version(assessment.invoke(AssessmentAggregate::framework),
                                  assessment.invoke(AssessmentAggregate::frameworkVersion));
    }

    private Aggregate<AssessmentAggregate> load(String assessmentId, Long expectedVersion) {
        try {
            return assessments.load(assessmentId, expectedVersion);
        } catch (AggregateNotFoundException e) {
            throw new DomainException(ErrorCode.ASSESSMENT_NOT_FOUND, "Assessment " + assessmentId + " does not exist");
        }
    }

    private static LocalDate today() {
        return ProgrammeTime.dayOf(GenericEventMessage.clock.instant());
    }
}
