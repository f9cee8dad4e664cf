package vn.xhht.ledger.command.figures;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.command.period.PeriodLedgers;
import vn.xhht.ledger.command.unit.Hierarchy;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.figures.FigureMessages;
import vn.xhht.ledger.domain.figures.FigureMessages.Baseline;
import vn.xhht.ledger.domain.figures.FigureMessages.BaselineSetEvent;
import vn.xhht.ledger.domain.figures.FigureMessages.IndicatorValueReportedEvent;
import vn.xhht.ledger.domain.figures.FigureMessages.RecognitionBatchRecordedEvent;
import vn.xhht.ledger.domain.figures.FigureMessages.RecordRecognitionBatchCommand;
import vn.xhht.ledger.domain.figures.FigureMessages.ReportIndicatorValueCommand;
import vn.xhht.ledger.domain.figures.FigureMessages.SetBaselineCommand;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * The facts the indicators are computed from, given/when/then: a batch of household, clan or citizen titles, a
 * unit's baseline, a reported value — each admitted into its lineage's open periods (a closed one refuses it), the
 * same values again storing nothing.
 */
class FigureAggregatesTest {

    /** Ấp Chợ (village) ⊂ xã Tân Thông Hội ⊂ huyện Củ Chi; the 2023 period of Củ Chi is closed. */
    static Hierarchy hierarchy() {
        return new Hierarchy(null, null) {
            @Override
            public List<String> lineageOn(String unitId, LocalDate date, Field field) {
                if (unitId.equals("nowhere")) {
                    throw new DomainException(ErrorCode.UNKNOWN_UNIT, field, "Unit nowhere does not exist on " + date);
                }
                return unitId.equals("cu-chi") ? List.of("cu-chi") : List.of(unitId, "tan-thong-hoi", "cu-chi");
            }

            @Override
            public UnitKind kindOf(String unitId, Field field) {
                return unitId.equals("cu-chi") ? UnitKind.DISTRICT : UnitKind.VILLAGE;
            }
        };
    }

    /** The admissions asked of the period ledgers; a fact dated in 2023 is refused (Củ Chi's 2023 is closed). */
    static PeriodLedgers periods(List<String> admitted) {
        return new PeriodLedgers(null, null) {
            @Override
            public void admit(List<String> lineage, LocalDate effectiveOn, String factId, String factType) {
                if (effectiveOn.getYear() == 2023) {
                    throw new DomainException(ErrorCode.PERIOD_CLOSED, "The 2023 period of cu-chi is closed");
                }
                admitted.add(factType + " " + factId + " " + effectiveOn);
            }
        };
    }

    @Nested
    class RecognitionBatches {
        private final List<String> admitted = new ArrayList<>();
        private FixtureConfiguration<RecognitionBatchAggregate> fixture;

        @BeforeEach
        void setUp() {
            fixture = new AggregateTestFixture<>(RecognitionBatchAggregate.class);
            fixture.registerInjectableResource(hierarchy());
            fixture.registerInjectableResource(periods(admitted));
        }

        @Test
        void canRecordABatchOfAVillageValidForItsYear() {
            fixture.givenNoPriorActivity()
                   .when(new RecordRecognitionBatchCommand("b1", "ap-cho", Title.GIA_DINH_HOC_TAP, 2024, 25, "12/QĐ",
                                                           LocalDate.of(2024, 12, 1)))
                   .expectEvents(new RecognitionBatchRecordedEvent("b1", "ap-cho", Title.GIA_DINH_HOC_TAP, 2024, 25, "12/QĐ",
                                                                   LocalDate.of(2024, 12, 1), LocalDate.of(2024, 12, 31)));
            assertThat(admitted).containsExactly("RecognitionBatchRecorded b1 2024-12-01");
        }

        @Test
        void cannotRecordABatchOfATitleGrantedOneByOneOrOfADistrict() {
            fixture.givenNoPriorActivity()
                   .when(new RecordRecognitionBatchCommand("b1", "ap-cho", Title.DON_VI_HOC_TAP, 2024, 2, "1/QĐ",
                                                           LocalDate.of(2024, 12, 1)))
                   .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.INVALID_TITLE));
            fixture.givenNoPriorActivity()
                   .when(new RecordRecognitionBatchCommand("b1", "cu-chi", Title.GIA_DINH_HOC_TAP, 2024, 2, "1/QĐ",
                                                           LocalDate.of(2024, 12, 1)))
                   .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.INVALID_HIERARCHY));
        }

        @Test
        void cannotRecordABatchDecidedInAClosedPeriod() {
            fixture.givenNoPriorActivity()
                   .when(new RecordRecognitionBatchCommand("b1", "ap-cho", Title.GIA_DINH_HOC_TAP, 2023, 5, "1/QĐ",
                                                           LocalDate.of(2023, 12, 1)))
                   .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.PERIOD_CLOSED))
                   .expectNoEvents();
        }
    }

    @Nested
    class Baselines {
        private static final Baseline HOUSEHOLDS = new Baseline(1000L, null, null, null, null, null);
        private final List<String> admitted = new ArrayList<>();
        private FixtureConfiguration<BaselineAggregate> fixture;

        @BeforeEach
        void setUp() {
            fixture = new AggregateTestFixture<>(BaselineAggregate.class);
            fixture.registerInjectableResource(hierarchy());
            fixture.registerInjectableResource(periods(admitted));
        }

        @Test
        void canSetABaselineAndReplaceIt() {
            String id = FigureMessages.baselineId("ap-cho", 2024);
            fixture.givenNoPriorActivity()
                   .when(new SetBaselineCommand(id, "ap-cho", 2024, HOUSEHOLDS))
                   .expectEvents(new BaselineSetEvent("ap-cho", 2024, HOUSEHOLDS, null));
            Baseline more = new Baseline(1200L, null, null, null, null, null);
            fixture.given(new BaselineSetEvent("ap-cho", 2024, HOUSEHOLDS, null))
                   .when(new SetBaselineCommand(id, "ap-cho", 2024, more))
                   .expectEvents(new BaselineSetEvent("ap-cho", 2024, more, HOUSEHOLDS));
        }

        @Test
        void canSetTheSameBaselineAgainWhichStoresAndAdmitsNothing() {
            fixture.given(new BaselineSetEvent("ap-cho", 2024, HOUSEHOLDS, null))
                   .when(new SetBaselineCommand(FigureMessages.baselineId("ap-cho", 2024), "ap-cho", 2024, HOUSEHOLDS))
                   .expectNoEvents();
            assertThat(admitted).isEmpty();
        }

        @Test
        void cannotSetABaselineOfAUnitThatDoesNotExist() {
            fixture.givenNoPriorActivity()
                   .when(new SetBaselineCommand(FigureMessages.baselineId("nowhere", 2024), "nowhere", 2024, HOUSEHOLDS))
                   .expectException(predicate(e -> e instanceof DomainException d && d.code() == ErrorCode.UNKNOWN_UNIT));
        }

        @Test
        void cannotSetABaselineOfAClosedYear() {
            fixture.givenNoPriorActivity()
                   .when(new SetBaselineCommand(FigureMessages.baselineId("ap-cho", 2023), "ap-cho", 2023, HOUSEHOLDS))
                   .expectException(predicate(e -> e instanceof DomainException d && d.code() == ErrorCode.PERIOD_CLOSED));
        }
    }

    @Nested
    class ReportedValues {
        private final List<String> admitted = new ArrayList<>();
        private FixtureConfiguration<ReportedValueAggregate> fixture;
        private final String id = FigureMessages.reportedValueId("cu-chi", "INFO_LITERACY", 2024);

        @BeforeEach
        void setUp() {
            fixture = new AggregateTestFixture<>(ReportedValueAggregate.class);
            fixture.registerInjectableResource(hierarchy());
            fixture.registerInjectableResource(periods(admitted));
        }

        @Test
        void canReportAValueWithItsSourceAndTheSameAgainStoresNothing() {
            IndicatorValueReportedEvent reported = new IndicatorValueReportedEvent("cu-chi", "INFO_LITERACY", 2024, 700, 1000,
                                                                                   "Khảo sát 2024", null, null);
            fixture.givenNoPriorActivity()
                   .when(new ReportIndicatorValueCommand(id, "cu-chi", "INFO_LITERACY", 2024, 700, 1000, "Khảo sát 2024"))
                   .expectEvents(reported);
            fixture.given(reported)
                   .when(new ReportIndicatorValueCommand(id, "cu-chi", "INFO_LITERACY", 2024, 700, 1000, "Khảo sát 2024"))
                   .expectNoEvents();
        }

        @Test
        void cannotReportANumeratorAboveItsDenominator() {
            fixture.givenNoPriorActivity()
                   .when(new ReportIndicatorValueCommand(id, "cu-chi", "INFO_LITERACY", 2024, 1001, 1000, null))
                   .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.VALIDATION_FAILED
                           && Field.of("numerator").equals(((DomainException) e).field())));
        }
    }
}
