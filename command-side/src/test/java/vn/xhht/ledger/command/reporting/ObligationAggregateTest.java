package vn.xhht.ledger.command.reporting;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.command.plan.PlanReportScopes;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.common.ProgrammeTime;
import vn.xhht.ledger.domain.plan.PlanContent.DeadlineKind;
import vn.xhht.ledger.domain.reporting.Obligations;
import vn.xhht.ledger.domain.reporting.ReportRules.ReportScope;
import vn.xhht.ledger.domain.reporting.ReportingMessages.AcceptReportCommand;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationCancelledEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationDue;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationOpenedEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationOverdueEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationReminderSentEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationReopenedEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationRescheduledEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationTerms;
import vn.xhht.ledger.domain.reporting.ReportingMessages.Progress;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReminderDue;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReportAcceptedEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReportContent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReportReturnedEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReportSubmittedEvent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReportedFigure;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReturnReportCommand;
import vn.xhht.ledger.domain.reporting.ReportingMessages.SubmitReportCommand;
import vn.xhht.ledger.domain.reporting.ReportingMessages.TaskProgress;
import vn.xhht.ledger.domain.reporting.ReportingMessages.Timeliness;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * An obligation to report, given/when/then: the reminders and the overdue mark as Axon deadlines, on time and late
 * by the end of the due day in Vietnam, submissions, accepts and returns, and the plan's amendments and closes.
 */
class ObligationAggregateTest {

    private static final LocalDate DUE = LocalDate.of(2023, 6, 20);
    private static final ObligationTerms TERMS = new ObligationTerms(
            "o1", "p1", "hoc-mon", "d1", "Báo cáo sơ kết 6 tháng", DeadlineKind.SIX_MONTH_REVIEW, DUE, "xa-a");
    private static final ObligationOpenedEvent OPENED = new ObligationOpenedEvent(
            "o1", "p1", "hoc-mon", "d1", "Báo cáo sơ kết 6 tháng", DeadlineKind.SIX_MONTH_REVIEW, DUE,
            Instant.parse("2023-06-20T17:00:00Z"), "xa-a");
    private static final ReportContent CONTENT = new ReportContent(
            List.of(new ReportedFigure("HOUSEHOLDS_TITLED", 420L, 700L)),
            List.of(new TaskProgress("t1", Progress.IN_PROGRESS, 60, "Đã tổ chức 3 lớp")), "Tóm tắt", "Thiếu kinh phí",
            "Bổ sung kinh phí");
    private static final SubmitReportCommand SUBMIT = new SubmitReportCommand("o1", "r1", CONTENT, null);

    /** Opens obligations as a plan's issue does, with the fixture's repository and deadline manager. */
    record OpenObligations(List<ObligationTerms> terms) {
    }

    /** Amends, closes or reopens them as a plan's amendment, close or reopen does. */
    record FollowPlan(String action, List<ObligationTerms> before, List<ObligationTerms> after, String reason) {
    }

    private FixtureConfiguration<ObligationAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ObligationAggregate.class);
        fixture.registerInjectableResource(new PlanReportScopes(null) {
            @Override
            public ReportScope scopeOf(String planId) {
                return new ReportScope(Set.of("HOUSEHOLDS_TITLED"), Set.of("t1", "t2"));
            }
        });
        ReminderPolicy reminders = new ReminderPolicy(List.of(7, 1));
        fixture.registerAnnotatedCommandHandler(new Object() {
            @CommandHandler
            void handle(OpenObligations command, DeadlineManager deadlines) throws Exception {
                new ReportingObligations(fixture.getRepository(), deadlines, reminders).open(command.terms());
            }

            @CommandHandler
            void handle(FollowPlan command, DeadlineManager deadlines) throws Exception {
                var obligations = new ReportingObligations(fixture.getRepository(), deadlines, reminders);
                switch (command.action()) {
                    case "amend" -> obligations.amend(command.before(), command.after(), command.reason());
                    case "close" -> obligations.close(command.after(), command.reason());
                    default -> obligations.reopen(command.after(), command.reason());
                }
            }
        });
    }

    private static Instant vietnam(int year, int month, int day, int hour, int minute, int second) {
        return LocalDateTime.of(year, month, day, hour, minute, second).atZone(ProgrammeTime.ZONE).toInstant();
    }

    @Test
    void canBeOpenedWithRemindersSevenAndOneDayBeforeAndTheDueDateArmed() {
        fixture.givenCurrentTime(vietnam(2023, 6, 1, 9, 0, 0))
               .when(new OpenObligations(List.of(TERMS)))
               .expectEvents(OPENED)
               .expectScheduledDeadlineWithName(vietnam(2023, 6, 13, 0, 0, 0), ObligationAggregate.REMINDER)
               .expectScheduledDeadlineWithName(vietnam(2023, 6, 19, 0, 0, 0), ObligationAggregate.REMINDER)
               .expectScheduledDeadlineWithName(Instant.parse("2023-06-20T17:00:00Z"), ObligationAggregate.DUE);
    }

    @Test
    void canRemindTheUnitWithTheDaysLeft() {
        fixture.givenCurrentTime(vietnam(2023, 6, 1, 9, 0, 0))
               .andGivenCommands(new OpenObligations(List.of(TERMS)))
               .whenTimeAdvancesTo(vietnam(2023, 6, 13, 0, 0, 1))
               .expectDeadlinesMet(new ReminderDue("o1"))
               .expectEvents(new ObligationReminderSentEvent("o1", "xa-a", DUE, 7));
    }

    @Test
    void canRemindAtOnceWhenOpenedInsideTheReminderWindow() {
        fixture.givenCurrentTime(vietnam(2023, 6, 17, 9, 0, 0))
               .andGivenCommands(new OpenObligations(List.of(TERMS)))
               .whenTimeElapses(java.time.Duration.ofSeconds(1))
               .expectEvents(new ObligationReminderSentEvent("o1", "xa-a", DUE, 3));
    }

    @Test
    void cannotRemindTwiceTheSameDayWhenTheReminderIsDeliveredTwice() {
        fixture.registerDeadlineHandlerInterceptor((unitOfWork, chain) -> {
            chain.proceed();
            return chain.proceed();
        });
        fixture.givenCurrentTime(vietnam(2023, 6, 1, 9, 0, 0))
               .andGivenCommands(new OpenObligations(List.of(TERMS)))
               .whenTimeAdvancesTo(vietnam(2023, 6, 13, 0, 0, 1))
               .expectEvents(new ObligationReminderSentEvent("o1", "xa-a", DUE, 7));
    }

    @Test
    void canMarkAnObligationWithNothingSubmittedOverdueAtTheEndOfItsDueDay() {
        fixture.givenCurrentTime(vietnam(2023, 6, 19, 12, 0, 0))
               .andGivenCommands(new OpenObligations(List.of(TERMS)))
               .whenTimeAdvancesTo(Instant.parse("2023-06-20T17:00:01Z"))
               .expectDeadlinesMet(new ReminderDue("o1"), new ObligationDue("o1"))
               .expectEvents(new ObligationReminderSentEvent("o1", "xa-a", DUE, 1), new ObligationOverdueEvent("o1", "xa-a", Instant.parse("2023-06-20T17:00:00Z")));
    }

    @Test
    void cannotMarkAnObligationOverdueWhenItsReportCameInTime() {
        fixture.givenCurrentTime(vietnam(2023, 6, 19, 12, 0, 0))
               .andGivenCommands(new OpenObligations(List.of(TERMS)), SUBMIT)
               .whenTimeAdvancesTo(Instant.parse("2023-06-21T00:00:00Z"))
               .expectNoEvents();
    }

    @Test
    void canSubmitOnTimeUntilTheLastSecondOfTheDueDayInVietnam() {
        fixture.givenCurrentTime(Instant.parse("2023-06-20T16:59:59Z"))
               .andGiven(OPENED)
               .when(SUBMIT)
               .expectEvents(new ReportSubmittedEvent("o1", "r1", "p1", "xa-a", CONTENT, 1, Timeliness.ON_TIME));
    }

    @Test
    void canSubmitLateFromTheFirstSecondAfterTheDueDay() {
        fixture.givenCurrentTime(Instant.parse("2023-06-20T17:00:00Z"))
               .andGiven(OPENED)
               .when(SUBMIT)
               .expectEvents(new ReportSubmittedEvent("o1", "r1", "p1", "xa-a", CONTENT, 1, Timeliness.LATE));
    }

    @Test
    void canSubmitAnOverdueObligationWhichIsThenLate() {
        fixture.givenCurrentTime(Instant.parse("2023-07-01T00:00:00Z"))
               .andGiven(OPENED, new ObligationOverdueEvent("o1", "xa-a", Instant.parse("2023-06-20T17:00:00Z")))
               .when(SUBMIT)
               .expectEvents(new ReportSubmittedEvent("o1", "r1", "p1", "xa-a", CONTENT, 1, Timeliness.LATE));
    }

    @Test
    void canResubmitAfterAReturnKeepingTheFirstSubmissionsTimeliness() {
        fixture.givenCurrentTime(Instant.parse("2023-07-01T00:00:00Z"))
               .andGiven(OPENED, new ReportSubmittedEvent("o1", "r1", "p1", "xa-a", CONTENT, 1, Timeliness.ON_TIME),
                         new ReportReturnedEvent("o1", "r1", "Thiếu số liệu"))
               .when(new SubmitReportCommand("o1", "r2", CONTENT, null))
               .expectEvents(new ReportSubmittedEvent("o1", "r2", "p1", "xa-a", CONTENT, 2, Timeliness.ON_TIME));
    }

    @Test
    void cannotSubmitAgainWhileTheReportAwaitsTheIssuer() {
        fixture.given(OPENED, new ReportSubmittedEvent("o1", "r1", "p1", "xa-a", CONTENT, 1, Timeliness.ON_TIME))
               .when(new SubmitReportCommand("o1", "r2", CONTENT, null))
               .expectException(DomainException.class)
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.INVALID_TRANSITION));
    }

    @Test
    void cannotReportAFigureForAnIndicatorThePlanDoesNotTarget() {
        fixture.given(OPENED)
               .when(new SubmitReportCommand("o1", "r1", new ReportContent(
                       List.of(new ReportedFigure("CLANS_TITLED", 1L, 2L)), List.of(), null, null, null), null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.UNKNOWN_INDICATOR
                       && Field.of("figures").at(0).dot("indicator").equals(((DomainException) e).field())));
    }

    @Test
    void cannotReportANumeratorAboveItsDenominator() {
        fixture.given(OPENED)
               .when(new SubmitReportCommand("o1", "r1", new ReportContent(
                       List.of(new ReportedFigure("HOUSEHOLDS_TITLED", 8L, 7L)), List.of(), null, null, null), null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.VALIDATION_FAILED
                       && Field.of("figures").at(0).dot("denominator").equals(((DomainException) e).field())));
    }

    @Test
    void cannotReportProgressOnATaskThePlanDoesNotHave() {
        fixture.given(OPENED)
               .when(new SubmitReportCommand("o1", "r1", new ReportContent(
                       List.of(), List.of(new TaskProgress("t9", Progress.DONE, null, null)), null, null, null), null))
               .expectException(predicate(e -> Field.of("tasks").at(0).dot("taskId").equals(((DomainException) e).field())));
    }

    @Test
    void cannotReportATaskDoneAtLessThanAHundredPercent() {
        fixture.given(OPENED)
               .when(new SubmitReportCommand("o1", "r1", new ReportContent(
                       List.of(), List.of(new TaskProgress("t1", Progress.DONE, 80, null)), null, null, null), null))
               .expectException(predicate(e -> Field.of("tasks").at(0).dot("percent").equals(((DomainException) e).field())));
    }

    @Test
    void canAcceptTheSubmittedReport() {
        fixture.given(OPENED, new ReportSubmittedEvent("o1", "r1", "p1", "xa-a", CONTENT, 1, Timeliness.ON_TIME))
               .when(new AcceptReportCommand("o1", "r1", null))
               .expectEvents(new ReportAcceptedEvent("o1", "r1"));
    }

    @Test
    void canReturnTheSubmittedReportWithAReason() {
        fixture.given(OPENED, new ReportSubmittedEvent("o1", "r1", "p1", "xa-a", CONTENT, 1, Timeliness.ON_TIME))
               .when(new ReturnReportCommand("o1", "r1", "Thiếu số liệu hộ gia đình", null))
               .expectEvents(new ReportReturnedEvent("o1", "r1", "Thiếu số liệu hộ gia đình"));
    }

    @Test
    void cannotReturnAReportWithoutAReason() {
        fixture.given(OPENED, new ReportSubmittedEvent("o1", "r1", "p1", "xa-a", CONTENT, 1, Timeliness.ON_TIME))
               .when(new ReturnReportCommand("o1", "r1", " ", null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.REASON_REQUIRED));
    }

    @Test
    void cannotAcceptAReportThatIsNotTheCurrentOne() {
        fixture.given(OPENED, new ReportSubmittedEvent("o1", "r1", "p1", "xa-a", CONTENT, 1, Timeliness.ON_TIME),
                      new ReportReturnedEvent("o1", "r1", "Thiếu"),
                      new ReportSubmittedEvent("o1", "r2", "p1", "xa-a", CONTENT, 2, Timeliness.ON_TIME))
               .when(new AcceptReportCommand("o1", "r1", null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.REPORT_NOT_FOUND));
    }

    @Test
    void cannotAcceptAReportAlreadyAccepted() {
        fixture.given(OPENED, new ReportSubmittedEvent("o1", "r1", "p1", "xa-a", CONTENT, 1, Timeliness.ON_TIME),
                      new ReportAcceptedEvent("o1", "r1"))
               .when(new AcceptReportCommand("o1", "r1", null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.INVALID_TRANSITION));
    }

    @Test
    void canBeMovedByAnAmendmentAndIsThenNoLongerOverdue() {
        ObligationTerms later = new ObligationTerms("o1", "p1", "hoc-mon", "d1", "Báo cáo sơ kết 6 tháng",
                                                    DeadlineKind.SIX_MONTH_REVIEW, LocalDate.of(2023, 6, 30), "xa-a");
        fixture.givenCurrentTime(Instant.parse("2023-06-22T00:00:00Z"))
               .andGiven(OPENED, new ObligationOverdueEvent("o1", "xa-a", Instant.parse("2023-06-20T17:00:00Z")))
               .when(new FollowPlan("amend", List.of(TERMS), List.of(later), "Lùi hạn"))
               .expectEvents(new ObligationRescheduledEvent("o1", "Báo cáo sơ kết 6 tháng", DeadlineKind.SIX_MONTH_REVIEW,
                                                            LocalDate.of(2023, 6, 30), Obligations.dueAt(LocalDate.of(2023, 6, 30)),
                                                            "Lùi hạn"))
               .expectScheduledDeadlineWithName(Instant.parse("2023-06-30T17:00:00Z"), ObligationAggregate.DUE);
    }

    @Test
    void canBeWithdrawnWhenTheAmendedPlanNoLongerAsksForIt() {
        fixture.given(OPENED)
               .when(new FollowPlan("amend", List.of(TERMS), List.of(), "Bỏ hạn báo cáo"))
               .expectEvents(new ObligationCancelledEvent("o1", "Bỏ hạn báo cáo", false));
    }

    @Test
    void cannotBeWithdrawnOnceItsReportWasAccepted() {
        fixture.given(OPENED, new ReportSubmittedEvent("o1", "r1", "p1", "xa-a", CONTENT, 1, Timeliness.ON_TIME),
                      new ReportAcceptedEvent("o1", "r1"))
               .when(new FollowPlan("amend", List.of(TERMS), List.of(), "Bỏ hạn báo cáo"))
               .expectNoEvents();
    }

    @Test
    void canBeCancelledByThePlansCloseAndAskedAgainWhenItReopens() {
        fixture.given(OPENED)
               .when(new FollowPlan("close", List.of(), List.of(TERMS), "Chốt số liệu"))
               .expectEvents(new ObligationCancelledEvent("o1", "Chốt số liệu", true));
        fixture.given(OPENED, new ObligationCancelledEvent("o1", "Chốt số liệu", true))
               .when(new FollowPlan("reopen", List.of(), List.of(TERMS), "Bổ sung số liệu"))
               .expectEvents(new ObligationReopenedEvent("o1", "Bổ sung số liệu"));
    }

    @Test
    void cannotBeCancelledByThePlansCloseOnceSubmitted() {
        fixture.given(OPENED, new ReportSubmittedEvent("o1", "r1", "p1", "xa-a", CONTENT, 1, Timeliness.ON_TIME))
               .when(new FollowPlan("close", List.of(), List.of(TERMS), "Chốt số liệu"))
               .expectNoEvents();
    }

    @Test
    void cannotSubmitToACancelledObligation() {
        fixture.given(OPENED, new ObligationCancelledEvent("o1", "Chốt số liệu", true))
               .when(SUBMIT)
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.INVALID_TRANSITION));
    }
}
