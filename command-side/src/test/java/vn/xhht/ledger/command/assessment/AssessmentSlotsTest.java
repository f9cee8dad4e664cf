package vn.xhht.ledger.command.assessment;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One open assessment per subject, framework and year, over a real event store. */
class AssessmentSlotsTest {

    private AssessmentSlots slots;

    @BeforeEach
    void setUp() {
        EmbeddedEventStore events = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        slots = new AssessmentSlots(EventSourcingRepository.builder(AssessmentSlotAggregate.class).eventStore(events).build());
    }

    interface Work {
        void run() throws Exception;
    }

    private void run(Work work) {
        var result = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("test")).executeWithResult(() -> {
            work.run();
            return null;
        });
        if (result.isExceptional()) {
            throw (RuntimeException) result.exceptionResult();
        }
    }

    @Test
    void cannotOpenASecondAssessmentWhileTheFirstIsOpen() {
        run(() -> slots.claim("truong-a", "TT24-2023-DVHT", 2024, "a1"));
        assertThatThrownBy(() -> run(() -> slots.claim("truong-a", "TT24-2023-DVHT", 2024, "a2")))
                .isInstanceOfSatisfying(DomainException.class,
                                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_ASSESSMENT));
        // another year, framework or subject is another slot
        run(() -> slots.claim("truong-a", "TT24-2023-DVHT", 2025, "a3"));
        run(() -> slots.claim("truong-b", "TT24-2023-DVHT", 2024, "a4"));
    }

    @Test
    void canOpenAnotherOnceTheReviewReleasedTheSlotAndOnlyItsOwnReviewReleasesIt() {
        run(() -> slots.claim("truong-a", "TT24-2023-DVHT", 2024, "a1"));
        run(() -> slots.release("truong-a", "TT24-2023-DVHT", 2024, "a9"));
        assertThatThrownBy(() -> run(() -> slots.claim("truong-a", "TT24-2023-DVHT", 2024, "a2")))
                .isInstanceOf(DomainException.class);
        run(() -> slots.release("truong-a", "TT24-2023-DVHT", 2024, "a1"));
        run(() -> slots.claim("truong-a", "TT24-2023-DVHT", 2024, "a2"));
    }
}
