package vn.xhht.ledger.command.recognition;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;

import java.time.LocalDate;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A unit's title register over a real event store: one title and level per year, withdrawals, corrected validity. */
class RegisteredTitlesTest {

    private RegisteredTitles titles;

    @BeforeEach
    void setUp() {
        EmbeddedEventStore events = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        titles = new RegisteredTitles(EventSourcingRepository.builder(TitleRegisterAggregate.class).eventStore(events).build());
    }

    private <T> T run(Callable<T> work) {
        var result = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("test")).executeWithResult(work);
        if (result.isExceptional()) {
            throw (RuntimeException) result.exceptionResult();
        }
        return result.getPayload();
    }

    private void grant(String id, String level, int year, int validThrough) {
        run(() -> {
            titles.record("truong-a", id, Title.DON_VI_HOC_TAP, level, year, LocalDate.of(year, 12, 20),
                          LocalDate.of(validThrough, 12, 31));
            return null;
        });
    }

    @Test
    void canHoldATitleThroughItsValidityAndTellItsLevels() {
        grant("r1", "MUC_DO_1", 2024, 2027);
        assertThat(run(() -> titles.holds("truong-a", Title.DON_VI_HOC_TAP, 2027))).isTrue();
        assertThat(run(() -> titles.holds("truong-a", Title.DON_VI_HOC_TAP, 2028))).isFalse();
        assertThat(run(() -> titles.levelsHeld("truong-a", Title.DON_VI_HOC_TAP, 2025))).containsExactly("MUC_DO_1");
        assertThat(run(() -> titles.latestRecognition("truong-a", "DON_VI_HOC_TAP", "MUC_DO_1")))
                .contains(LocalDate.of(2024, 12, 20));
        assertThat(run(() -> titles.holds("truong-b", Title.DON_VI_HOC_TAP, 2025))).isFalse();
    }

    @Test
    void cannotGrantTheSameTitleAndLevelForAYearItIsStillHeld() {
        grant("r1", "MUC_DO_1", 2024, 2027);
        assertThatThrownBy(() -> grant("r2", "MUC_DO_1", 2026, 2029))
                .isInstanceOfSatisfying(DomainException.class,
                                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_RECOGNITION));
        grant("r3", "MUC_DO_2", 2026, 2029); // the level above is another title
    }

    @Test
    void canGrantAgainOnceTheTitleWasWithdrawnAndHoldItNoLonger() {
        grant("r1", "MUC_DO_1", 2024, 2027);
        run(() -> {
            titles.withdraw("truong-a", "r1", LocalDate.of(2025, 3, 1));
            return null;
        });
        assertThat(run(() -> titles.holds("truong-a", Title.DON_VI_HOC_TAP, 2025))).isFalse();
        grant("r2", "MUC_DO_1", 2025, 2028);
    }

    @Test
    void canShortenAValidityWhichFreesTheYearsAfterIt() {
        grant("r1", "MUC_DO_1", 2024, 2027);
        run(() -> {
            titles.correctValidity("truong-a", "r1", LocalDate.of(2024, 12, 31));
            return null;
        });
        assertThat(run(() -> titles.holds("truong-a", Title.DON_VI_HOC_TAP, 2025))).isFalse();
        grant("r2", "MUC_DO_1", 2025, 2025);
    }
}
