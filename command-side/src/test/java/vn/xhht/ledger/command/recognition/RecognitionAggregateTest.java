package vn.xhht.ledger.command.recognition;

import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.command.assessment.AssessmentConclusions;
import vn.xhht.ledger.command.framework.Frameworks;
import vn.xhht.ledger.command.framework.TitleFrameworks;
import vn.xhht.ledger.command.pcgd.SurveyLevels;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.FrameworkMessages.TitleFrameworkRegisteredEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionGrantedEvent;
import vn.xhht.ledger.command.period.PeriodLedgers;
import vn.xhht.ledger.command.unit.Hierarchy;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.CorrectRecognitionValidityCommand;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.GrantRecognitionCommand;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionRevokedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RecognitionValidityCorrectedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.RevokeRecognitionCommand;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;
import vn.xhht.ledger.domain.common.ProgrammeTime;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A recognition's own rules: its validity set again with a reason (after a framework's rule was corrected), and revocation. */
class RecognitionAggregateTest {

    /** Granted without a framework: valid through its own year, 2023. */
    private static final GrantRecognitionCommand GRANT = new GrantRecognitionCommand(
            "r1", Title.DON_VI_HOC_TAP, "truong-a", 2023, null, "12/QĐ-UBND", LocalDate.of(2023, 12, 20), null);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
    private static final LocalDate END_2023 = LocalDate.of(2023, 12, 31);
    private static final LocalDate END_2026 = LocalDate.of(2026, 12, 31);
    /** TT 22's yearly ranking (valid for its year) and TT 25's commune title (three more years), from their dates. */
    private static final List<CriteriaFramework> FRAMEWORKS = List.of(
            framework("TT22-2020-DVHT", 2, "DON_VI_HOC_TAP", LocalDate.of(2020, 9, 21), 0),
            framework("TT25-2023-CDHT-XA", 2, "CONG_DONG_HOC_TAP_XA", LocalDate.of(2024, 2, 12), 3),
            new CriteriaFramework("ND20-2014-XMC", 1, "XMC", "XMC", "ND 20/2014", null, LocalDate.of(2014, 5, 10), null,
                                  CriteriaFramework.Decision.ALL_MET, List.of(), null, List.of("MUC_DO_1", "MUC_DO_2"), 0,
                                  null, null, List.of(), true, null,
                                  java.util.Map.of("MUC_DO_1", java.util.Map.of("DISTRICT", java.math.BigDecimal.valueOf(90)),
                                                   "MUC_DO_2", java.util.Map.of("DISTRICT", java.math.BigDecimal.valueOf(90)))));

    private static CriteriaFramework framework(String code, int version, String title, LocalDate from, int validity) {
        return new CriteriaFramework(code, version, code, title, code, null, from, null, CriteriaFramework.Decision.ALL_MET,
                                     List.of(), null, List.of("MUC_DO_1"), validity, null, null, List.of(), true, null);
    }

    private FixtureConfiguration<RecognitionAggregate> fixture;
    private final List<LocalDate> admitted = new ArrayList<>();
    private final Set<Integer> closedYears = new HashSet<>();

    @BeforeEach
    void setUp() {
        admitted.clear();
        fixture = new AggregateTestFixture<>(RecognitionAggregate.class);
        var registers = EventSourcingRepository.builder(TitleRegisterAggregate.class)
                                               .eventStore(EmbeddedEventStore.builder()
                                                                             .storageEngine(new InMemoryEventStorageEngine())
                                                                             .build())
                                               .build();
        Frameworks frameworks = new Frameworks(null) {
            @Override
            public CriteriaFramework version(String code, Integer version) {
                return FRAMEWORKS.stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow();
            }
        };
        TitleFrameworks titleFrameworks = new TitleFrameworks(null) {
            @Override
            public Optional<TitleFrameworkRegisteredEvent> inForceOn(String title, LocalDate day) {
                return FRAMEWORKS.stream().filter(f -> f.subjectTitle().equals(title) && !day.isBefore(f.effectiveFrom()))
                                 .findFirst().map(f -> new TitleFrameworkRegisteredEvent(
                                         title, f.code(), f.version(), f.effectiveFrom(), null, f.validityYears()));
            }
        };
        Hierarchy hierarchy = new Hierarchy(null, null) {
            @Override
            public List<String> lineageOn(String unitId, LocalDate date, Field field) {
                return List.of(unitId, "huyen-a");
            }

            @Override
            public vn.xhht.ledger.domain.unit.UnitKind kindOf(String unitId, Field field) {
                return unitId.startsWith("huyen") ? vn.xhht.ledger.domain.unit.UnitKind.DISTRICT
                        : vn.xhht.ledger.domain.unit.UnitKind.COMMUNE;
            }
        };
        SurveyLevels surveys = new SurveyLevels(null, null) {
            @Override
            public Optional<vn.xhht.ledger.domain.pcgd.Standards.Outcome> of(String unitId, int year,
                                                                         CriteriaFramework standard) {
                // xa-a's 2025 survey reaches literacy level 1 only; xa-b has no survey
                return unitId.equals("xa-a") ? Optional.of(new vn.xhht.ledger.domain.pcgd.Standards.Outcome(
                        standard.code(), "MUC_DO_1", List.of("MUC_DO_1"), List.of())) : Optional.empty();
            }
        };
        RecognisedChildren children = new RecognisedChildren(null, null) {
            @Override
            public vn.xhht.ledger.domain.pcgd.Standards.Outcome levels(
                    String unitId, vn.xhht.ledger.domain.unit.UnitKind kind, int year, CriteriaFramework standard,
                    Title title) {
                // huyen-b: 19 of its 21 communes recognised at level 1, 18 at level 2 (90 % needed)
                List<String> communes = new ArrayList<>();
                for (int i = 0; i < 21; i++) {
                    communes.add(i < 18 ? "MUC_DO_2" : i < 19 ? "MUC_DO_1" : null);
                }
                return vn.xhht.ledger.domain.pcgd.Standards.rollUp(standard, kind.name(), communes);
            }
        };
        fixture.registerInjectableResource(new GrantEvidence(new AssessmentConclusions(null), frameworks, titleFrameworks,
                                                             surveys, children, hierarchy));
        fixture.registerInjectableResource(hierarchy);
        fixture.registerInjectableResource(new RegisteredTitles(registers));
        fixture.registerInjectableResource(new PeriodLedgers(null, null) {
            @Override
            public void admit(List<String> lineage, LocalDate effectiveOn, String factId, String factType) {
                if (closedYears.contains(effectiveOn.getYear())) {
                    throw new DomainException(ErrorCode.PERIOD_CLOSED, "closed " + effectiveOn.getYear());
                }
                admitted.add(effectiveOn);
            }
        });
        fixture.givenCurrentTime(TODAY.atTime(9, 0).atZone(ProgrammeTime.ZONE).toInstant());
    }

    @Test
    void canGrantACommuneTitleWithoutAnAssessmentValidForAsLongAsItsFrameworkSays() {
        fixture.givenNoPriorActivity()
               .when(new GrantRecognitionCommand("r2", Title.CONG_DONG_HOC_TAP_XA, "xa-a", 2024, "MUC_DO_1", "30/QĐ-UBND",
                                                 LocalDate.of(2024, 12, 20), null))
               .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                       org.axonframework.test.matchers.Matchers.exactSequenceOf(
                               org.axonframework.test.matchers.Matchers.predicate(e -> e instanceof RecognitionGrantedEvent g
                                       && g.validThrough().equals(LocalDate.of(2027, 12, 31))
                                       && "TT25-2023-CDHT-XA".equals(g.framework()) && Integer.valueOf(2).equals(g.frameworkVersion())),
                               org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void canGrantATitleNoFrameworkGovernedYetValidForItsOwnYearOnly() {
        fixture.givenNoPriorActivity()
               .when(new GrantRecognitionCommand("r3", Title.CONG_DONG_HOC_TAP_XA, "xa-a", 2023, "MUC_DO_1", "31/QĐ-UBND",
                                                 LocalDate.of(2023, 12, 20), null))
               .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                       org.axonframework.test.matchers.Matchers.exactSequenceOf(
                               org.axonframework.test.matchers.Matchers.predicate(e -> e instanceof RecognitionGrantedEvent g
                                       && g.validThrough().equals(END_2023) && g.framework() == null),
                               org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    private static GrantRecognitionCommand literacy(String id, String unit, String level) {
        return new GrantRecognitionCommand(id, Title.XMC, unit, 2025, level, "45/QĐ-UBND", LocalDate.of(2025, 11, 20), null);
    }

    @Test
    void canRecogniseALiteracyLevelTheCommunesSurveyReaches() {
        fixture.givenNoPriorActivity()
               .when(literacy("r4", "xa-a", "MUC_DO_1"))
               .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                       org.axonframework.test.matchers.Matchers.exactSequenceOf(
                               org.axonframework.test.matchers.Matchers.predicate(e -> e instanceof RecognitionGrantedEvent g
                                       && "ND20-2014-XMC".equals(g.framework()) && g.validThrough().equals(LocalDate.of(2025, 12, 31))),
                               org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void cannotRecogniseALiteracyLevelTheSurveyDoesNotReach() {
        fixture.givenNoPriorActivity()
               .when(literacy("r5", "xa-a", "MUC_DO_2"))
               .expectException(org.axonframework.test.matchers.Matchers.predicate(
                       e -> ((DomainException) e).code() == ErrorCode.CONCLUSION_MISMATCH));
    }

    @Test
    void cannotRecogniseALiteracyLevelWithoutTheCommunesSurvey() {
        fixture.givenNoPriorActivity()
               .when(literacy("r6", "xa-b", "MUC_DO_1"))
               .expectException(org.axonframework.test.matchers.Matchers.predicate(
                       e -> ((DomainException) e).code() == ErrorCode.CONCLUSION_MISMATCH));
    }

    @Test
    void canRecogniseADistrictsLiteracyLevelWhenEnoughOfItsCommunesHoldIt() {
        fixture.givenNoPriorActivity()
               .when(literacy("r7", "huyen-b", "MUC_DO_1"))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void cannotRecogniseADistrictsLiteracyLevelWhenTooFewOfItsCommunesHoldIt() {
        fixture.givenNoPriorActivity()
               .when(literacy("r8", "huyen-b", "MUC_DO_2"))
               .expectException(org.axonframework.test.matchers.Matchers.predicate(
                       e -> ((DomainException) e).code() == ErrorCode.CONCLUSION_MISMATCH));
    }

    @Test
    void canExtendTheValidityWithAReasonAdmittingEveryYearItGains() {
        fixture.givenCommands(GRANT)
               .when(new CorrectRecognitionValidityCommand("r1", END_2026, "QĐ bảo lưu 3 năm", null))
               .expectEvents(new RecognitionValidityCorrectedEvent("r1", "truong-a", Title.DON_VI_HOC_TAP, 2023, END_2023,
                                                                   END_2026, "QĐ bảo lưu 3 năm", TODAY));
        assertThat(admitted).containsExactly(LocalDate.of(2023, 12, 20), LocalDate.of(2024, 12, 31),
                                             LocalDate.of(2025, 12, 31), END_2026);
    }

    @Test
    void canShortenTheValidityWithAReasonAdmittingEveryYearItLoses() {
        fixture.givenCommands(GRANT, new CorrectRecognitionValidityCommand("r1", END_2026, "r", null))
               .when(new CorrectRecognitionValidityCommand("r1", END_2023, "TT22 xếp loại hằng năm", null))
               .expectEvents(new RecognitionValidityCorrectedEvent("r1", "truong-a", Title.DON_VI_HOC_TAP, 2023, END_2026,
                                                                   END_2023, "TT22 xếp loại hằng năm", TODAY));
        assertThat(admitted.subList(admitted.size() - 3, admitted.size()))
                .containsExactly(LocalDate.of(2024, 12, 31), LocalDate.of(2025, 12, 31), END_2026);
    }

    @Test
    void canSetTheSameValidityAgainWhichStoresNothing() {
        fixture.givenCommands(GRANT)
               .when(new CorrectRecognitionValidityCommand("r1", END_2023, "r", null))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void cannotCorrectTheValidityWhenAYearWhoseFiguresWouldChangeIsClosed() {
        closedYears.add(2025);
        fixture.givenCommands(GRANT)
               .when(new CorrectRecognitionValidityCommand("r1", END_2026, "r", null))
               .expectException(DomainException.class)
               .expectExceptionMessage("closed 2025");
    }

    @Test
    void cannotCorrectTheValidityWithoutAReason() {
        fixture.givenCommands(GRANT)
               .when(new CorrectRecognitionValidityCommand("r1", END_2026, " ", null))
               .expectException(DomainException.class)
               .expectNoEvents();
    }

    @Test
    void cannotSetAValidityThatIsNotTheEndOfAYearFromTheRecognitionYearOn() {
        fixture.givenCommands(GRANT)
               .when(new CorrectRecognitionValidityCommand("r1", LocalDate.of(2024, 6, 30), "r", null))
               .expectException(DomainException.class)
               .expectNoEvents();
        setUp();
        fixture.givenCommands(GRANT)
               .when(new CorrectRecognitionValidityCommand("r1", LocalDate.of(2022, 12, 31), "r", null))
               .expectException(DomainException.class)
               .expectNoEvents();
    }

    @Test
    void cannotCorrectTheValidityOfARevokedTitle() {
        fixture.givenCommands(GRANT, new RevokeRecognitionCommand("r1", "Hồ sơ không trung thực", null))
               .when(new CorrectRecognitionValidityCommand("r1", END_2026, "r", null))
               .expectException(DomainException.class)
               .expectExceptionMessage("Recognition r1 is revoked");
    }

    @Test
    void canRevokeOnceWithAReasonAndNotTwice() {
        fixture.givenCommands(GRANT)
               .when(new RevokeRecognitionCommand("r1", "Hồ sơ không trung thực", null))
               .expectEvents(new RecognitionRevokedEvent("r1", "truong-a", Title.DON_VI_HOC_TAP, "Hồ sơ không trung thực", TODAY));
        setUp();
        fixture.givenCommands(GRANT, new RevokeRecognitionCommand("r1", "a", null))
               .when(new RevokeRecognitionCommand("r1", "b", null))
               .expectException(DomainException.class);
    }
}
