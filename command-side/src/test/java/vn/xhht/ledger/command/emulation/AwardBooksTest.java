package vn.xhht.ledger.command.emulation;

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

/** One achievement, one award, within the quota: the award registers and quota books over a real event store. */
class AwardBooksTest {

    private static final String REGISTER = "award-register:unit:phong-gddt|PT-1315-2023|GD1_2023_2025|HANG_NAM|2024";
    private static final String OTHER_REGISTER = "award-register:unit:truong-thpt|PT-1315-2023|GD1_2023_2025|HANG_NAM|2024";
    private static final String QUOTA = "award-quota:thuy-nguyen|GIAY_KHEN|PT-1315-2023|GD1_2023_2025|HANG_NAM|2024";

    private EmbeddedEventStore events;
    private AwardBooks books;

    @BeforeEach
    void setUp() {
        events = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        books = new AwardBooks(EventSourcingRepository.builder(AwardRegisterAggregate.class).eventStore(events).build(),
                               EventSourcingRepository.builder(AwardQuotaAggregate.class).eventStore(events).build());
    }

    private void inUnitOfWork(ThrowingRunnable work) {
        var result = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("test")).executeWithResult(() -> {
            work.run();
            return null;
        });
        if (result.isExceptional()) {
            throw (RuntimeException) result.exceptionResult();
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void canAwardASubjectOnceForAnOccasion() {
        inUnitOfWork(() -> books.award(REGISTER, QUOTA, "n-1", "GIAY_KHEN", null));
        inUnitOfWork(() -> books.award(REGISTER, QUOTA, "n-1", "GIAY_KHEN", null)); // the same decision again: nothing
        assertThat(events.readEvents(REGISTER).asStream().count()).isEqualTo(1);
        assertThat(events.readEvents(QUOTA).asStream().count()).isEqualTo(1);
    }

    @Test
    void cannotAwardASubjectASecondTimeForTheSameOccasion() {
        inUnitOfWork(() -> books.award(REGISTER, QUOTA, "n-1", "GIAY_KHEN", null));
        assertThatThrownBy(() -> inUnitOfWork(() -> books.award(REGISTER, QUOTA, "n-2", "BANG_KHEN_CT_UBND_TINH", null)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_AWARD));
        assertThatThrownBy(() -> inUnitOfWork(() -> books.requireNoAward(REGISTER, "n-2")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_AWARD));
        inUnitOfWork(() -> books.requireNoAward(REGISTER, "n-1"));
    }

    @Test
    void cannotAwardBeyondTheQuotaAndNothingIsKeptOfTheRefusedAward() {
        inUnitOfWork(() -> books.award(REGISTER, QUOTA, "n-1", "GIAY_KHEN", 1));
        assertThatThrownBy(() -> inUnitOfWork(() -> books.award(OTHER_REGISTER, QUOTA, "n-2", "GIAY_KHEN", 1)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED));
        assertThat(events.readEvents(OTHER_REGISTER).asStream().count()).isZero();
    }

    @Test
    void canAwardAgainOnceTheAwardWasRevoked() {
        inUnitOfWork(() -> books.award(REGISTER, QUOTA, "n-1", "GIAY_KHEN", 1));
        inUnitOfWork(() -> books.release(REGISTER, QUOTA, "n-1"));
        inUnitOfWork(() -> books.award(REGISTER, QUOTA, "n-2", "GIAY_KHEN", 1));
        assertThat(events.readEvents(REGISTER).asStream().count()).isEqualTo(3);
    }
}
