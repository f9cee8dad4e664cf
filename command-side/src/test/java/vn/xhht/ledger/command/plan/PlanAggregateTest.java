package vn.xhht.ledger.command.plan;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.hamcrest.Matcher;
import vn.xhht.ledger.command.indicator.IndicatorCodes;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.plan.Period;
import vn.xhht.ledger.domain.plan.PlanCommands.AmendPlanCommand;
import vn.xhht.ledger.domain.plan.PlanCommands.ClosePlanCommand;
import vn.xhht.ledger.domain.plan.PlanCommands.IssuePlanCommand;
import vn.xhht.ledger.domain.plan.PlanCommands.ReopenPlanCommand;
import vn.xhht.ledger.domain.plan.PlanContent.Target;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanAmendedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanClosedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanDraftedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanIssuedEvent;
import vn.xhht.ledger.domain.plan.PlanEvents.PlanReopenedEvent;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
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

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PlanAggregate.class);
        fixture.registerAnnotatedCommandHandler(new PlanPeriodHandler(fixture.getRepository(), new vn.xhht.ledger.command.period.PeriodLedgers(null, null) {
            @Override
            public void close(String unitId, int year, java.util.Collection<String> provinces, String planId, String reason) {
                ledgerCalls.add("close " + unitId + " " + year);
            }

            @Override
            public void reopen(String unitId, int year, String planId, String reason) {
                ledgerCalls.add("reopen " + unitId + " " + year);
            }
        }, new vn.xhht.ledger.command.unit.Hierarchy(null) {
            @Override
            public java.util.Set<String> provincesDuring(String unitId, int year) {
                return java.util.Set.of("tinh");
            }
        }));
        // the catalogue as published; no amendment here names a unit, so there is no unit repository
        fixture.registerAnnotatedCommandHandler(new PlanContentHandler(fixture.getRepository(), null,
                                                                       new IndicatorCodes(null) {
            @Override
            public Set<String> known() {
                return Set.of("HOUSEHOLDS_TITLED", "CLANS_TITLED");
            }
        }));
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
    void canIssueADraft() {
        fixture.given(DRAFTED).when(new IssuePlanCommand("p1", null)).expectEvents(ISSUED).expectResultMessagePayload(1L);
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
}
