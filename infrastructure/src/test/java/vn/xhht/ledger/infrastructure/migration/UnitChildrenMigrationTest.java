package vn.xhht.ledger.infrastructure.migration;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.xhht.ledger.domain.common.AuditMetaData;
import vn.xhht.ledger.domain.unit.UnitEvents;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitChildRecordedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitRegisteredEvent;
import vn.xhht.ledger.domain.unit.UnitKind;
import vn.xhht.ledger.infrastructure.api.ApiTest;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store written before units' parents kept registers of their children: the start-up migration records every
 * placement its log shows, so a district with a commune registered back then still cannot end while it stands under
 * it; the store remembers the finished run.
 */
class UnitChildrenMigrationTest extends ApiTest {

    @Autowired
    private EventStore events;
    @Autowired
    private UnitChildrenMigration migration;

    private List<Object> payloadsOf(String aggregateId) {
        return events.readEvents(aggregateId).asStream().map(e -> (Object) e.getPayload()).toList();
    }

    @Test
    void aDistrictWhoseCommuneWasRegisteredBeforeRegistersCannotEndOnceTheMigrationRecordedIt() {
        String[] ids = provinceDistrictCommune();
        String district = ids[1];
        // an older store's commune: its registration stored as it was then, with no record on the district's side
        String older = fresh("xa-cu");
        events.publish(new GenericDomainEventMessage<>("UnitAggregate", older, 0,
                new UnitRegisteredEvent(older, "Xã cũ", UnitKind.COMMUNE, district, LocalDate.of(2020, 1, 1)),
                MetaData.with(AuditMetaData.ACTOR, "admin")));
        // the commune registered through the service moves away; the older one is not in the district's register yet
        as("admin").post().uri("/units/{id}/move", ids[2])
                   .bodyValue(Map.of("parentId", ids[0], "validFrom", "2025-07-01", "reason", "Sắp xếp 2025"))
                   .exchange().expectStatus().isOk();
        assertThat(payloadsOf(UnitEvents.childrenRegisterId(district)))
                .containsExactly(new UnitChildRecordedEvent(district, ids[2]));

        assertThat(migration.run()).isGreaterThanOrEqualTo(4); // every placement of the log sent, the known ones store nothing
        assertThat(payloadsOf(UnitEvents.childrenRegisterId(district))).containsExactly(
                new UnitChildRecordedEvent(district, ids[2]), new UnitChildRecordedEvent(district, older));
        assertThat(payloadsOf(UnitEvents.childrenRegisterId(ids[0]))).containsExactly(
                new UnitChildRecordedEvent(ids[0], district), new UnitChildRecordedEvent(ids[0], ids[2]));

        as("admin").post().uri("/units/{id}/dissolve", district)
                   .bodyValue(Map.of("validFrom", "2025-07-01", "reason", "Kết thúc hoạt động cấp huyện"))
                   .exchange().expectStatus().isEqualTo(422)
                   .expectBody().jsonPath("$.code").isEqualTo("UNIT_HAS_CHILDREN")
                   .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(older).doesNotContain(ids[2]));
    }

    @Test
    void theStoreRemembersTheFinishedRun() {
        assertThat(eventDatabase.getCollection(UnitChildrenMigration.COLLECTION)
                                .countDocuments(new org.bson.Document("_id", UnitChildrenMigration.NAME))).isEqualTo(1);
    }
}
