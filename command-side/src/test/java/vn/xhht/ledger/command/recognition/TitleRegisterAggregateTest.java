package vn.xhht.ledger.command.recognition;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.recognition.RecognitionMessages;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.TitleRecordedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.TitleValidityCorrectedEvent;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.TitleWithdrawnEvent;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * One subject's register of titles, given/when/then: a grant is refused while the subject holds the same title and
 * level for that year; a withdrawal or a shortened validity frees the year; the register answers the levels held and
 * the latest decision at a level ({@link RegisteredTitles} writes it in the recognition's commit;
 * {@code RegisteredTitlesTest} over a real event store).
 */
class TitleRegisterAggregateTest {

    private static final String UNIT = "truong-a";
    private static final String ID = RecognitionMessages.registryId(UNIT);
    private static final Title TITLE = Title.DON_VI_HOC_TAP;
    private static final LocalDate DECIDED = LocalDate.of(2024, 3, 1);
    private static final LocalDate THROUGH_2026 = LocalDate.of(2026, 12, 31);

    private FixtureConfiguration<TitleRegisterAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TitleRegisterAggregate.class);
    }

    private static TitleRecordedEvent recorded(String recognitionId, String level, int year, LocalDate validThrough) {
        return new TitleRecordedEvent(UNIT, recognitionId, TITLE, level, year, DECIDED, validThrough);
    }

    @Test
    void canRecordTheFirstGrantOfASubject() {
        fixture.givenNoPriorActivity()
               .whenConstructing(() -> {
                   TitleRegisterAggregate register = new TitleRegisterAggregate(UNIT);
                   register.record("r1", TITLE, "MUC_DO_1", 2024, DECIDED, THROUGH_2026);
                   return register;
               })
               .expectEvents(recorded("r1", "MUC_DO_1", 2024, THROUGH_2026));
    }

    @Test
    void cannotRecordTheSameTitleAndLevelForAYearTheSubjectStillHoldsIt() {
        fixture.given(recorded("r1", "MUC_DO_1", 2024, THROUGH_2026))
               .whenInvoking(ID, r -> r.record("r2", TITLE, "MUC_DO_1", 2026, DECIDED, THROUGH_2026.plusYears(2)))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.DUPLICATE_RECOGNITION));
    }

    @Test
    void canRecordAnotherLevelOrAYearAfterTheValidityEnded() {
        fixture.given(recorded("r1", "MUC_DO_1", 2024, THROUGH_2026))
               .whenInvoking(ID, r -> {
                   r.record("r2", TITLE, "MUC_DO_2", 2025, DECIDED, THROUGH_2026);
                   r.record("r3", TITLE, "MUC_DO_1", 2027, DECIDED, THROUGH_2026.plusYears(3));
               })
               .expectEvents(recorded("r2", "MUC_DO_2", 2025, THROUGH_2026),
                             recorded("r3", "MUC_DO_1", 2027, THROUGH_2026.plusYears(3)));
    }

    @Test
    void canRecordTheTitleAgainOnceTheGrantWasWithdrawn() {
        fixture.given(recorded("r1", "MUC_DO_1", 2024, THROUGH_2026),
                      new TitleWithdrawnEvent(UNIT, "r1", LocalDate.of(2025, 1, 10)))
               .whenInvoking(ID, r -> r.record("r2", TITLE, "MUC_DO_1", 2025, DECIDED, THROUGH_2026))
               .expectEvents(recorded("r2", "MUC_DO_1", 2025, THROUGH_2026));
    }

    @Test
    void canRecordTheTitleAgainForAYearACorrectionTookOutOfTheValidity() {
        fixture.given(recorded("r1", "MUC_DO_1", 2024, THROUGH_2026),
                      new TitleValidityCorrectedEvent(UNIT, "r1", LocalDate.of(2024, 12, 31)))
               .whenInvoking(ID, r -> r.record("r2", TITLE, "MUC_DO_1", 2025, DECIDED, THROUGH_2026))
               .expectEvents(recorded("r2", "MUC_DO_1", 2025, THROUGH_2026));
    }

    @Test
    void canTellTheLevelsHeldInAYearAndTheLatestDecisionAtALevel() {
        LocalDate later = LocalDate.of(2025, 4, 2);
        fixture.given(recorded("r1", "MUC_DO_1", 2024, THROUGH_2026),
                      new TitleRecordedEvent(UNIT, "r2", TITLE, "MUC_DO_2", 2025, later, THROUGH_2026),
                      new TitleWithdrawnEvent(UNIT, "r2", LocalDate.of(2025, 6, 1)))
               .whenInvoking(ID, r -> { })
               .expectState(r -> {
                   assertThat(r.levelsHeldFor(TITLE, 2025)).isEqualTo(List.of("MUC_DO_1"));
                   assertThat(r.levelsHeldFor(TITLE, 2027)).isEmpty();
                   assertThat(r.holds(TITLE, 2026)).isTrue();
                   assertThat(r.holds(Title.GIA_DINH_HOC_TAP, 2025)).isFalse();
                   assertThat(r.latest(TITLE, "MUC_DO_1")).isEqualTo(Optional.of(DECIDED));
                   assertThat(r.latest(TITLE, "MUC_DO_2")).isEmpty(); // withdrawn
               });
    }
}
