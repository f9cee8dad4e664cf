package vn.xhht.ledger.command.pcgd;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.command.unit.Hierarchy;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.pcgd.PcgdMessages;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.LockSurveyCommand;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.RecordSurveyCommand;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.SurveyLockedEvent;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.SurveyRecordedEvent;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.SurveyUnlockedEvent;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.UnlockSurveyCommand;
import vn.xhht.ledger.domain.pcgd.Survey;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.axonframework.test.matchers.Matchers.predicate;

/** A commune's survey of a data year, given/when/then: recorded, the same again, checked, locked and unlocked. */
class SurveyAggregateTest {

    private static final String ID = PcgdMessages.surveyId("lach-tray", 2025);
    private static final Survey SURVEY = new Survey(Map.of("people15to60", 4000L, "people15to60LiterateL2", 3600L), false,
                                                    Map.of("ND20-2014-XMC", true));
    private static final SurveyRecordedEvent RECORDED = new SurveyRecordedEvent(
            "lach-tray", 2025, SURVEY.figures(), false, null, SURVEY.conditionsMet());

    private FixtureConfiguration<SurveyAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SurveyAggregate.class);
        fixture.registerInjectableResource(new Hierarchy(null, null) {
            @Override
            public List<String> lineageOn(String unitId, LocalDate date, Field field) {
                if (unitId.equals("xa-moi") && date.isBefore(LocalDate.of(2026, 1, 1))) {
                    throw new DomainException(ErrorCode.UNKNOWN_UNIT, field, "Unit " + unitId + " does not exist on " + date);
                }
                return List.of(unitId, "hai-phong");
            }

            @Override
            public UnitKind kindOf(String unitId, Field field) {
                return unitId.startsWith("huyen") ? UnitKind.DISTRICT : UnitKind.COMMUNE;
            }
        });
        fixture.registerInjectableResource(new PcgdCycles(null) {
            @Override
            public LocalDate referenceDate(UnitKind kind, int year) {
                return LocalDate.of(year, 9, 30);
            }
        });
    }

    /** The first instant of 1 October 2025 in Vietnam: the 2025 reference date (30/9) has ended. */
    private static final java.time.Instant OCTOBER = java.time.Instant.parse("2025-09-30T17:00:00Z");
    private static final SurveyLockedEvent LOCKED_BY_CALENDAR =
            new SurveyLockedEvent("lach-tray", 2025, "Chốt số liệu theo lịch (ngày 2025-09-30)");

    @Test
    void canStayOpenUntilTheEndOfItsReferenceDate() {
        fixture.givenCurrentTime(java.time.Instant.parse("2025-09-25T03:00:00Z"))
               .andGivenCommands(new RecordSurveyCommand(ID, "lach-tray", 2025, SURVEY, null))
               .whenTimeAdvancesTo(OCTOBER.minusSeconds(1))
               .expectNoEvents()
               .expectScheduledDeadlineOfType(OCTOBER, PcgdMessages.SurveyLockDue.class);
    }

    @Test
    void canBeLockedByTheCalendarOnceTheReferenceDateHasEnded() {
        fixture.givenCurrentTime(java.time.Instant.parse("2025-09-25T03:00:00Z"))
               .andGivenCommands(new RecordSurveyCommand(ID, "lach-tray", 2025, SURVEY, null))
               .whenTimeAdvancesTo(OCTOBER)
               .expectEvents(LOCKED_BY_CALENDAR);
    }

    @Test
    void cannotBeLockedByTheCalendarWhenLockedOrUnlockedByHandBefore() {
        fixture.givenCurrentTime(java.time.Instant.parse("2025-09-25T03:00:00Z"))
               .andGivenCommands(new RecordSurveyCommand(ID, "lach-tray", 2025, SURVEY, null),
                                 new LockSurveyCommand(ID, "Chốt sớm"), new UnlockSurveyCommand(ID, "Bổ sung"))
               .whenTimeAdvancesTo(OCTOBER)
               .expectNoEvents();
    }

    @Test
    void cannotScheduleALockForASurveyRecordedAfterItsReferenceDate() {
        fixture.givenCurrentTime(OCTOBER)
               .when(new RecordSurveyCommand(ID, "lach-tray", 2025, SURVEY, null))
               .expectEvents(RECORDED)
               .expectNoScheduledDeadlines();
    }

    @Test
    void canRecordACommunesSurvey() {
        fixture.givenNoPriorActivity()
               .when(new RecordSurveyCommand(ID, "lach-tray", 2025, SURVEY, null))
               .expectEvents(RECORDED);
    }

    @Test
    void canRecordTheSameSurveyAgainWhichStoresNothing() {
        fixture.given(RECORDED)
               .when(new RecordSurveyCommand(ID, "lach-tray", 2025, SURVEY, null))
               .expectNoEvents();
    }

    @Test
    void cannotRecordAGroupLargerThanItsCohort() {
        fixture.givenNoPriorActivity()
               .when(new RecordSurveyCommand(ID, "lach-tray", 2025, new Survey(
                       Map.of("people15to60", 4000L, "people15to60LiterateL2", 4001L), false, Map.of()), null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.SCORE_OUT_OF_RANGE
                       && Field.of("figures").key("people15to60LiterateL2").equals(((DomainException) e).field())));
    }

    @Test
    void cannotRecordANegativeCountOrAnUnknownFigure() {
        fixture.givenNoPriorActivity()
               .when(new RecordSurveyCommand(ID, "lach-tray", 2025, new Survey(Map.of("children5", -1L), false, Map.of()), null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.SCORE_OUT_OF_RANGE));
        fixture.givenNoPriorActivity()
               .when(new RecordSurveyCommand(ID, "lach-tray", 2025, new Survey(Map.of("children7", 1L), false, Map.of()), null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void cannotRecordTheSurveyOfADistrict() {
        fixture.givenNoPriorActivity()
               .when(new RecordSurveyCommand(PcgdMessages.surveyId("huyen-a", 2025), "huyen-a", 2025, SURVEY, null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.INVALID_HIERARCHY));
    }

    @Test
    void cannotRecordTheSurveyOfACommuneNotThereAtTheReferenceDate() {
        fixture.givenNoPriorActivity()
               .when(new RecordSurveyCommand(PcgdMessages.surveyId("xa-moi", 2025), "xa-moi", 2025, SURVEY, null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.UNKNOWN_UNIT));
    }

    @Test
    void canLockTheSurveyWithAReasonAfterWhichChangesAreRefused() {
        fixture.given(RECORDED)
               .when(new LockSurveyCommand(ID, "Chốt số liệu 30/9"))
               .expectEvents(new SurveyLockedEvent("lach-tray", 2025, "Chốt số liệu 30/9"));
        fixture.given(RECORDED, new SurveyLockedEvent("lach-tray", 2025, "Chốt số liệu 30/9"))
               .when(new RecordSurveyCommand(ID, "lach-tray", 2025, new Survey(Map.of("children5", 10L), false, Map.of()), null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.PERIOD_CLOSED));
    }

    @Test
    void canUnlockALockedSurveyWithAReason() {
        fixture.given(RECORDED, new SurveyLockedEvent("lach-tray", 2025, "Chốt"))
               .when(new UnlockSurveyCommand(ID, "Bổ sung số liệu sau kiểm tra"))
               .expectEvents(new SurveyUnlockedEvent("lach-tray", 2025, "Bổ sung số liệu sau kiểm tra"));
    }

    @Test
    void cannotLockWithoutAReasonNorUnlockASurveyThatIsNotLocked() {
        fixture.given(RECORDED)
               .when(new LockSurveyCommand(ID, " "))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.REASON_REQUIRED));
        fixture.given(RECORDED)
               .when(new UnlockSurveyCommand(ID, "Mở"))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.INVALID_TRANSITION));
    }
}
