package vn.xhht.ledger.command.assessment;

import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import vn.xhht.ledger.command.framework.Frameworks;
import vn.xhht.ledger.command.period.PeriodLedgers;
import vn.xhht.ledger.command.unit.Hierarchy;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.framework.CriteriaFramework;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * An assessment fixture: the aggregate with the policies its handlers are given — frameworks from {@code rules}, a subject that is
 * its own lineage, every period open and no earlier recognition.
 */
final class AssessmentFixtures {
    private AssessmentFixtures() {
    }

    static FixtureConfiguration<AssessmentAggregate> fixture(BiFunction<String, Integer, CriteriaFramework> rules) {
        FixtureConfiguration<AssessmentAggregate> fixture = new AggregateTestFixture<>(AssessmentAggregate.class);
        var slots = EventSourcingRepository.builder(AssessmentSlotAggregate.class)
                                           .eventStore(EmbeddedEventStore.builder()
                                                                         .storageEngine(new InMemoryEventStorageEngine())
                                                                         .build())
                                           .build();
        fixture.registerInjectableResource(new AssessmentSlots(slots));
        fixture.registerInjectableResource(new Frameworks(null) {
            @Override
            public CriteriaFramework version(String code, Integer version) {
                return rules.apply(code, version);
            }
        });
        fixture.registerInjectableResource(new Hierarchy(null, null) {
            @Override
            public List<String> lineageOn(String unitId, LocalDate date, Field field) {
                return List.of(unitId);
            }
        });
        fixture.registerInjectableResource(new PeriodLedgers(null, null) {
            @Override
            public void admit(List<String> lineage, LocalDate effectiveOn, String factId, String factType) {
            }
        });
        fixture.registerInjectableResource((TitleHistory) (subject, title, level) -> Optional.empty());
        return fixture;
    }
}
