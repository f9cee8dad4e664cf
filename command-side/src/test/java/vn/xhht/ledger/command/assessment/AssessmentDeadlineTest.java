package vn.xhht.ledger.command.assessment;

import vn.xhht.ledger.domain.common.ProgrammeTime;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentOverdueEvent;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.AssessmentSubmittedEvent;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.FilingDeadlineReached;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.OpenAssessmentCommand;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.Score;
import vn.xhht.ledger.domain.assessment.AssessmentMessages.SubmitAssessmentCommand;
import vn.xhht.ledger.domain.framework.CriteriaFramework;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;

class AssessmentDeadlineTest {

    private static final int YEAR = ProgrammeTime.today(java.time.Clock.systemUTC()).getYear();
    private static final CriteriaFramework RULES = new CriteriaFramework(
            "TEST-POINTS", 1, "t", "DON_VI_HOC_TAP", "r", null, LocalDate.of(2020, 1, 1), null,
            CriteriaFramework.Decision.POINTS,
            List.of(new CriteriaFramework.Criterion("A", "A", List.of(
                    new CriteriaFramework.Indicator("A1", "A1", new BigDecimal("100"), null)))),
            List.of(new CriteriaFramework.Threshold("TOT", new BigDecimal("85"))), null, 3, null,
            MonthDay.of(1, 15), List.of(), true, null);
    private static final OpenAssessmentCommand OPEN = new OpenAssessmentCommand(
            "a1", "truong-a", "TEST-POINTS", 1, YEAR, null, List.of(new Score("A1", new BigDecimal("90"), null, null)));

    private FixtureConfiguration<AssessmentAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = AssessmentFixtures.fixture((code, version) -> RULES);
    }

    @Test
    void canScheduleTheFilingDeadlineWhenOpened() {
        fixture.givenNoPriorActivity().when(OPEN)
               .expectScheduledDeadlineWithName(
                       MonthDay.of(1, 15).atYear(YEAR + 1).atStartOfDay(ProgrammeTime.ZONE).toInstant(),
                       AssessmentAggregate.FILING_DEADLINE);
    }

    @Test
    void aDraftStillOpenAtTheDeadlineIsMarkedOverdue() {
        fixture.givenCommands(OPEN)
               .whenTimeElapses(Duration.ofDays(400))
               .expectDeadlinesMet(new FilingDeadlineReached("a1"))
               .expectEvents(new AssessmentOverdueEvent("a1", MonthDay.of(1, 15).atYear(YEAR + 1)
                                                                      .atStartOfDay(ProgrammeTime.ZONE).toInstant()));
    }

    @Test
    void aDeadlineDeliveredTwiceMarksTheAssessmentOverdueOnce() {
        // two nodes both arm the stored deadline: the handler runs twice
        fixture.registerDeadlineHandlerInterceptor((unitOfWork, chain) -> {
            chain.proceed();
            return chain.proceed();
        });
        fixture.givenCommands(OPEN)
               .whenTimeElapses(Duration.ofDays(400))
               .expectEvents(new AssessmentOverdueEvent("a1", MonthDay.of(1, 15).atYear(YEAR + 1)
                                                                      .atStartOfDay(ProgrammeTime.ZONE).toInstant()));
    }

    @Test
    void aSubmissionBeforeTheDeadlineIsNotLateAndIsNotMarkedOverdueLater() {
        fixture.givenCommands(OPEN, new SubmitAssessmentCommand("a1", null))
               .whenTimeElapses(Duration.ofDays(400))
               .expectNoEvents();
    }

    @Test
    void aSubmissionAfterTheDeadlineIsAcceptedButFlaggedLate() {
        fixture.givenCurrentTime(LocalDate.of(YEAR + 1, 2, 1).atStartOfDay(ProgrammeTime.ZONE).toInstant())
               .andGivenCommands(OPEN)
               .when(new SubmitAssessmentCommand("a1", null))
               .expectEvents(new AssessmentSubmittedEvent("a1", true));
    }
}
