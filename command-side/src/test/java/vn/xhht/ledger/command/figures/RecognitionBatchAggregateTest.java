package vn.xhht.ledger.command.figures;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.figures.FigureMessages.RecognitionBatchRecordedEvent;
import vn.xhht.ledger.domain.figures.FigureMessages.RecordRecognitionBatchCommand;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * A batch of household, clan or citizen titles, given/when/then: counted for a village's year, admitted into its
 * lineage's open periods (a closed one refuses it).
 */
class RecognitionBatchAggregateTest {

    private final List<String> admitted = new ArrayList<>();
    private FixtureConfiguration<RecognitionBatchAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RecognitionBatchAggregate.class);
        fixture.registerInjectableResource(FigureFixtures.hierarchy());
        fixture.registerInjectableResource(FigureFixtures.periods(admitted));
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
