package vn.xhht.ledger.command.plan;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.hamcrest.Matcher;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.deadline.StubDeadlineManager;
import vn.xhht.ledger.command.indicator.IndicatorCodes;
import vn.xhht.ledger.command.reporting.ObligationAggregate;
import vn.xhht.ledger.command.reporting.ReminderPolicy;
import vn.xhht.ledger.command.reporting.ReportingObligations;
import vn.xhht.ledger.command.unit.Hierarchy;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.plan.Period;
import vn.xhht.ledger.domain.plan.PlanCommands.AmendPlanCommand;
import vn.xhht.ledger.domain.plan.PlanCommands.ClosePlanCommand;
import vn.xhht.ledger.domain.plan.PlanCommands.IssuePlanCommand;
import vn.xhht.ledger.domain.plan.PlanCommands.ReopenPlanCommand;
import vn.xhht.ledger.domain.plan.PlanContent;
import vn.xhht.ledger.domain.plan.PlanContent.Deadline;
import vn.xhht.ledger.domain.plan.PlanContent.Target;
import vn.xhht.ledger.domain.plan.PlanContent.Task;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanAmendedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanClosedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanDraftedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanIssuedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanReopenedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanReportersResolvedEvent;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

class PlanAggregateTest {

    private static final Period YEAR_2023 = new Period(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31));
    private static final List<Target> TARGETS = List.of(new Target("HOUSEHOLDS_TITLED", new BigDecimal("0.55"), null));
    private static final PlanDraftedEvent DRAFTED = new PlanDraftedEvent(
            "p1", "cu-chi", "163/KH-UBND", "Kế hoạch XHHT 2023", LocalDate.of(2023, 2, 1), YEAR_2023, List.of(),
            TARGETS, List.of(), List.of());
    private static final PlanIssuedEvent ISSUED = new PlanIssuedEvent("p1", "cu-chi");
    private static final PlanClosedEvent CLOSED = new PlanClosedEvent("p1", "cu-chi", YEAR_2023, "Chốt số liệu năm");

    private FixtureConfiguration<PlanAggregate> fixture;

    /** Records what the plan asked of the period ledgers. */
    private final java.util.List<String> ledgerCalls = new java.util.ArrayList<>();

    /** The units under the issuer on the plan's issue date, as the hierarchy answers. */
    private List<String> underCuChi = List.of("xa-a", "xa-b");

    /** The obligations' own store: what the plan's issue, amendment and close did to them. */
    private EmbeddedEventStore obligationEvents;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PlanAggregate.class);
        obligationEvents = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        var obligationRepository = EventSourcingRepository.builder(ObligationAggregate.class)
                                                          .eventStore(obligationEvents).build();
        ReportingObligations obligations = new ReportingObligations(obligationRepository, new StubDeadlineManager(),
                                                                    new ReminderPolicy(List.of(7, 1)));
        Hierarchy hierarchy = new Hierarchy(null, null) {
            @Override
            public java.util.Set<String> provincesDuring(String unitId, int year) {
                return java.util.Set.of("tinh");
            }

            @Override
            public List<Child> childrenOn(String unitId, LocalDate on) {
                return unitId.equals("cu-chi") && on.equals(LocalDate.of(2023, 2, 1))
                        ? underCuChi.stream().map(id -> new Child(id, vn.xhht.ledger.domain.unit.UnitKind.COMMUNE)).toList()
                        : List.of();
            }

            @Override
            public List<String> lineageOn(String unitId, LocalDate date, Field field) {
                // xa-a and xa-b lie under cu-chi; xa-z under another district
                return unitId.equals("xa-z") ? List.of(unitId, "hoc-mon") : List.of(unitId, "cu-chi");
            }
        };
        fixture.registerInjectableResource(new vn.xhht.ledger.command.period.PeriodLedgers(null, null) {
            @Override
            public void close(String unitId, int year, java.util.Collection<String> provinces, String planId, String reason) {
                ledgerCalls.add("close " + unitId + " " + year);
            }

            @Override
            public void reopen(String unitId, int year, String planId, String reason) {
                ledgerCalls.add("reopen " + unitId + " " + year);
            }
        });
        fixture.registerInjectableResource(hierarchy);
        fixture.registerInjectableResource(obligations);
        // the catalogue as published; no plan here names a unit the log does not know
        fixture.registerInjectableResource(new PlanReferences(null, new IndicatorCodes(null) {
            @Override
            public Set<String> known() {
                return Set.of("HOUSEHOLDS_TITLED", "CLANS_TITLED");
            }
        }) {
            @Override
            public void requireUnit(String unitId, Field field) {
                if ("nowhere".equals(unitId)) {
                    throw new DomainException(vn.xhht.ledger.domain.common.ErrorCode.UNKNOWN_UNIT, field,
                                              "Unit nowhere does not exist");
                }
            }
        });
    }

    /** The types of the events stored for one obligation. */
    private List<Object> obligationEventsOf(String obligationId) {
        List<Object> payloads = new java.util.ArrayList<>();
        obligationEvents.readEvents(obligationId).asStream().forEach(event -> payloads.add(event.getPayload()));
        return payloads;
    }

    @Test
    void canDraftAPlanWhoseTargetsNameIndicatorsOfTheCatalogue() {
        fixture.givenNoPriorActivity()
               .when(new vn.xhht.ledger.domain.plan.PlanCommands.CreatePlanCommand(
                       "p1", "cu-chi", "163/KH-UBND", "Kế hoạch XHHT 2023", LocalDate.of(2023, 2, 1), YEAR_2023, null,
                       TARGETS, null, null))
               .expectEvents(DRAFTED)
               .expectResultMessagePayload(0L);
    }

    @Test
    void cannotDraftAPlanOfAnIssuerTheLogDoesNotKnowOrForAnUnknownIndicator() {
        fixture.givenNoPriorActivity()
               .when(new vn.xhht.ledger.domain.plan.PlanCommands.CreatePlanCommand(
                       "p1", "nowhere", "1/KH", "Kế hoạch", LocalDate.of(2023, 2, 1), YEAR_2023, null, TARGETS, null, null))
               .expectException(org.axonframework.test.matchers.Matchers.predicate(e -> e instanceof DomainException d
                       && Field.of("issuerUnitId").equals(d.field())));
        fixture.givenNoPriorActivity()
               .when(new vn.xhht.ledger.domain.plan.PlanCommands.CreatePlanCommand(
                       "p1", "cu-chi", "1/KH", "Kế hoạch", LocalDate.of(2023, 2, 1), YEAR_2023, null,
                       List.of(new Target("NO_SUCH_INDICATOR", new BigDecimal("0.5"), null)), null, null))
               .expectException(org.axonframework.test.matchers.Matchers.predicate(e -> e instanceof DomainException d
                       && Field.of("targets").at(0).dot("indicator").equals(d.field())));
    }

    @Test
    void cannotAmendATargetForAnIndicatorOutsideTheCatalogue() {
        fixture.given(DRAFTED)
               .when(new AmendPlanCommand("p1", List.of(new Target("HOUSEHOLD_TITLED", new BigDecimal("0.6"), null)),
                                          null, null, "Chỉ thị mới", null))
               .expectException(DomainException.class)
               .expectExceptionMessage(org.hamcrest.Matchers.containsString("HOUSEHOLD_TITLED"))
               .expectNoEvents();
    }

    @Test
    void canIssueADraftNamingTheUnitsUnderTheIssuerOnItsDateAsReporters() {
        fixture.given(DRAFTED).when(new IssuePlanCommand("p1", null))
               .expectEvents(ISSUED, new PlanReportersResolvedEvent("p1", "cu-chi", LocalDate.of(2023, 2, 1),
                                                                    List.of("xa-a", "xa-b")))
               .expectResultMessagePayload(2L);
    }

    @Test
    void cannotIssueAnIssuedPlan() {
        fixture.given(DRAFTED, ISSUED).when(new IssuePlanCommand("p1", null))
               .expectException(DomainException.class)
               .expectExceptionMessage("Cannot issue plan p1 while it is ISSUED");
    }

    @Test
    void canAmendTargetsWithAReasonKeepingTasksAndDeadlines() {
        List<Target> raised = List.of(new Target("HOUSEHOLDS_TITLED", new BigDecimal("0.60"), null));
        fixture.given(DRAFTED, ISSUED)
               .when(new AmendPlanCommand("p1", raised, null, null, "Chỉ thị mới", null))
               .expectEvents(new PlanAmendedEvent("p1", raised, List.of(), List.of(), "Chỉ thị mới"));
    }

    @Test
    void cannotAmendWithoutAReason() {
        fixture.given(DRAFTED).when(new AmendPlanCommand("p1", TARGETS, null, null, "  ", null))
               .expectException(DomainException.class)
               .expectExceptionMessage("A non-blank reason is required");
    }

    @Test
    void cannotSetATargetAboveOneHundredPercent() {
        fixture.given(DRAFTED)
               .when(new AmendPlanCommand("p1", List.of(new Target("HOUSEHOLDS_TITLED", new BigDecimal("60"), null)),
                                          null, null, "typo", null))
               .expectException(DomainException.class);
    }

    @Test
    void canCloseAnIssuedPlanWithAReasonWhichClosesTheIssuersPeriod() {
        fixture.given(DRAFTED, ISSUED).when(new ClosePlanCommand("p1", "Chốt số liệu năm", null)).expectEvents(CLOSED);
        assertThat(ledgerCalls).containsExactly("close cu-chi 2023");
    }

    @Test
    void cannotCloseAClosedPlan() {
        fixture.given(DRAFTED, ISSUED, CLOSED).when(new ClosePlanCommand("p1", "again", null))
               .expectException(refusedWith(ErrorCode.PLAN_ALREADY_CLOSED));
    }

    @Test
    void cannotCloseADraft() {
        fixture.given(DRAFTED).when(new ClosePlanCommand("p1", "why", null))
               .expectExceptionMessage("Cannot close plan p1 while it is DRAFT");
    }

    @Test
    void canReopenAClosedPlanWithAReason() {
        fixture.given(DRAFTED, ISSUED, CLOSED).when(new ReopenPlanCommand("p1", "Sai số liệu xã Tân Thông Hội", null))
               .expectEvents(new PlanReopenedEvent("p1", "cu-chi", YEAR_2023, "Sai số liệu xã Tân Thông Hội"));
        assertThat(ledgerCalls).containsExactly("reopen cu-chi 2023");
    }

    @Test
    void cannotAmendAClosedPlan() {
        fixture.given(DRAFTED, ISSUED, CLOSED).when(new AmendPlanCommand("p1", TARGETS, null, null, "late", null))
               .expectException(refusedWith(ErrorCode.PERIOD_CLOSED));
    }

    @Test
    void cannotActOnAStaleVersion() {
        fixture.given(DRAFTED, ISSUED).when(new ClosePlanCommand("p1", "why", 0L))
               .expectException(org.axonframework.modelling.command.ConflictingAggregateVersionException.class);
    }

    static Matcher<Throwable> refusedWith(ErrorCode code) {
        return predicate(e -> e instanceof DomainException refusal && refusal.code() == code);
    }

    // ------------------------------------------------------------------------------ tasks, deadlines, obligations

    private static final Deadline SIX_MONTHS = new Deadline("Báo cáo sơ kết 6 tháng", LocalDate.of(2023, 6, 20));
    private static final Deadline ANNUAL = new Deadline("Báo cáo năm", LocalDate.of(2023, 12, 10));

    private static PlanDraftedEvent draftedWith(List<Task> tasks, List<Deadline> deadlines) {
        return new PlanDraftedEvent("p1", "cu-chi", "163/KH-UBND", "Kế hoạch XHHT 2023", LocalDate.of(2023, 2, 1),
                                    YEAR_2023, List.of(), TARGETS, tasks, deadlines);
    }

    private static Deadline identified(Deadline deadline, int n) {
        return new Deadline(PlanContent.itemId("p1", "deadline", n), deadline.what(), deadline.due(), deadline.kind(),
                            deadline.reporterUnitIds(), deadline.recurrence());
    }

    @Test
    void canGiveEachNewTaskAndDeadlineTheNextIdOfThePlan() {
        fixture.given(DRAFTED)
               .when(new AmendPlanCommand("p1", null, List.of(new Task("Tuyên truyền", null, List.of(), "Quý I")),
                                          List.of(SIX_MONTHS), "Bổ sung", null))
               .expectEventsMatching(payloadsMatching(exactSequenceOf((predicate(event -> {
                   PlanAmendedEvent amended = (PlanAmendedEvent) event;
                   return amended.tasks().get(0).taskId().equals(PlanContent.itemId("p1", "task", 1))
                           && amended.deadlines().get(0).deadlineId().equals(PlanContent.itemId("p1", "deadline", 1));
               })), andNoMore())));
    }

    @Test
    void canKeepATasksIdThroughAnAmendmentThatListsItAgainWithoutIt() {
        Task task = new Task(PlanContent.itemId("p1", "task", 1), "Tuyên truyền", null, List.of(), "Quý I");
        fixture.given(draftedWith(List.of(task), List.of()))
               .when(new AmendPlanCommand("p1", null, List.of(new Task("Mở lớp", null, List.of(), "Quý II"),
                                                              new Task("Tuyên truyền", null, List.of(), "Quý I")),
                                          null, "Thêm nhiệm vụ", null))
               .expectEventsMatching(payloadsMatching(exactSequenceOf((predicate(event -> {
                   List<Task> tasks = ((PlanAmendedEvent) event).tasks();
                   return tasks.get(1).taskId().equals(task.taskId())
                           && tasks.get(0).taskId().equals(PlanContent.itemId("p1", "task", 2));
               })), andNoMore())));
    }

    @Test
    void cannotAmendNamingATaskIdThePlanNeverGave() {
        fixture.given(DRAFTED)
               .when(new AmendPlanCommand("p1", null, List.of(new Task("t-khac", "Mở lớp", null, List.of(), "Quý II")),
                                          null, "Thêm nhiệm vụ", null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.VALIDATION_FAILED
                       && Field.of("tasks").at(0).dot("taskId").equals(((DomainException) e).field())));
    }

    @Test
    void canIssueAPlanAskingEveryChildOfTheIssuerForEachDeadline() {
        fixture.given(draftedWith(List.of(), List.of(identified(SIX_MONTHS, 1), identified(ANNUAL, 2))))
               .when(new IssuePlanCommand("p1", null))
               .expectEvents(ISSUED, new PlanReportersResolvedEvent("p1", "cu-chi", LocalDate.of(2023, 2, 1),
                                                                    List.of("xa-a", "xa-b")));
        var terms = vn.xhht.ledger.domain.reporting.Obligations.of(
                "p1", "cu-chi", YEAR_2023, List.of(identified(SIX_MONTHS, 1), identified(ANNUAL, 2)), List.of("xa-a", "xa-b"));
        assertThat(terms).hasSize(4);
        for (var term : terms) {
            assertThat(obligationEventsOf(term.obligationId())).singleElement()
                    .isInstanceOf(vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationOpenedEvent.class);
        }
    }

    @Test
    void canIssueAPlanWhoseIssuerHadNoUnitsUnderItOnItsDateAskingNoOneByDefault() {
        underCuChi = List.of();
        fixture.given(draftedWith(List.of(), List.of(identified(SIX_MONTHS, 1))))
               .when(new IssuePlanCommand("p1", null))
               .expectEvents(ISSUED, new PlanReportersResolvedEvent("p1", "cu-chi", LocalDate.of(2023, 2, 1), List.of()));
    }

    @Test
    void canAskTheReportersADeadlineNamesInsteadOfTheIssuersChildren() {
        Deadline namesItsOwn = new Deadline(null, "Báo cáo tự đánh giá", LocalDate.of(2023, 12, 15),
                                            PlanContent.DeadlineKind.SELF_ASSESSMENT, List.of("truong-x"), null);
        var terms = vn.xhht.ledger.domain.reporting.Obligations.of(
                "p1", "cu-chi", YEAR_2023, List.of(identified(namesItsOwn, 1)), List.of("xa-a", "xa-b"));
        assertThat(terms).extracting(t -> t.unitId()).containsExactly("truong-x");
    }

    @Test
    void canWithdrawTheObligationsOfADeadlineTheAmendmentRemoves() {
        var before = vn.xhht.ledger.domain.reporting.Obligations.of(
                "p1", "cu-chi", YEAR_2023, List.of(identified(SIX_MONTHS, 1), identified(ANNUAL, 2)), List.of("xa-a"));
        fixture.given(draftedWith(List.of(), List.of(identified(SIX_MONTHS, 1), identified(ANNUAL, 2))))
               .andGivenCommands(new IssuePlanCommand("p1", null))
               .when(new AmendPlanCommand("p1", null, null, List.of(identified(ANNUAL, 2)), "Bỏ báo cáo 6 tháng", null))
               .expectSuccessfulHandlerExecution();
        assertThat(obligationEventsOf(before.get(0).obligationId())).last()
                .isInstanceOf(vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationCancelledEvent.class);
        assertThat(obligationEventsOf(before.get(1).obligationId())).hasSize(1);
    }

    @Test
    void canCancelTheOpenObligationsWhenThePlanCloses() {
        var terms = vn.xhht.ledger.domain.reporting.Obligations.of(
                "p1", "cu-chi", YEAR_2023, List.of(identified(ANNUAL, 1)), List.of("xa-a"));
        fixture.given(draftedWith(List.of(), List.of(identified(ANNUAL, 1))))
               .andGivenCommands(new IssuePlanCommand("p1", null))
               .when(new ClosePlanCommand("p1", "Chốt số liệu năm", null))
               .expectSuccessfulHandlerExecution();
        assertThat(obligationEventsOf(terms.get(0).obligationId())).last()
                .isEqualTo(new vn.xhht.ledger.domain.reporting.ReportingMessages.ObligationCancelledEvent(
                        terms.get(0).obligationId(), "Chốt số liệu năm", true));
    }
}
