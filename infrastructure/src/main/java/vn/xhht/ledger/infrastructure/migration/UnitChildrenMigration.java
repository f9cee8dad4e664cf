package vn.xhht.ledger.infrastructure.migration;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.unit.UnitCommands.RecordUnitChildCommand;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitMovedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitRegisteredEvent;
import vn.xhht.ledger.infrastructure.eventstore.EventDocumentCodec;
import vn.xhht.ledger.infrastructure.eventstore.MongoCommitStorageEngine;
import vn.xhht.ledger.infrastructure.web.Commands;

import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Fills the registers of children of a store written before units' parents kept them ({@code UnitChildrenAggregate}):
 * once per store, at start-up — after Axon has started, before the web server accepts a request — every unit
 * registered in the log is read through its own stream (upcast like any read), and each parent it ever sat under
 * records it ({@code RecordUnitChildCommand}, as the system, with a reason). A placement already recorded stores
 * nothing, so a run cut short by a crash is simply run again; the store remembers a finished run in
 * {@code migrations}. A store begun with registers has nothing to fill: its placements were recorded in their commits.
 */
@Component
public class UnitChildrenMigration implements SmartLifecycle {

    public static final String COLLECTION = "migrations";
    static final String NAME = "unit-children-registers";
    private static final String REASON = "Ghi sổ đơn vị trực thuộc từ lịch sử đơn vị (chuyển đổi dữ liệu)";
    private static final Logger log = LoggerFactory.getLogger(UnitChildrenMigration.class);

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> migrations;
    private final EventStore events;
    private final Commands commands;
    private volatile boolean running;

    public UnitChildrenMigration(MongoDatabase eventDatabase, EventStore events, Commands commands) {
        this.commits = eventDatabase.getCollection(MongoCommitStorageEngine.EVENTS);
        this.migrations = eventDatabase.getCollection(COLLECTION);
        this.events = events;
        this.commands = commands;
    }

    @Override
    public void start() {
        if (migrations.find(Filters.eq("_id", NAME)).first() == null) {
            long placements = run();
            // upserted: nodes starting together each finish the run
            migrations.replaceOne(Filters.eq("_id", NAME), new Document("_id", NAME).append("finishedAt", new Date())
                                                                                      .append("placements", placements),
                                  new ReplaceOptions().upsert(true));
            if (placements > 0) {
                log.info("Checked {} placements of units against their parents' registers", placements);
            }
        }
        running = true;
    }

    /** Records every placement the log shows; answers how many it sent (those already known store nothing). */
    long run() {
        String registered = UnitRegisteredEvent.class.getName();
        long sent = 0;
        for (String unitId : unitsRegistered(registered)) {
            for (String parentId : parentsEver(unitId)) {
                commands.sendAsSystem(new RecordUnitChildCommand(parentId, unitId), REASON).block();
                sent++;
            }
        }
        return sent;
    }

    private List<String> unitsRegistered(String registered) {
        String field = MongoCommitStorageEngine.EVENTS;
        Set<String> units = new LinkedHashSet<>();
        for (Document commit : commits.find(Filters.eq(field + "." + EventDocumentCodec.PAYLOAD_TYPE, registered))
                                      .sort(Sorts.ascending("_id")).batchSize(1_000)) {
            for (Document event : commit.getList(field, Document.class)) {
                if (registered.equals(event.getString(EventDocumentCodec.PAYLOAD_TYPE))) {
                    units.add(event.getString(EventDocumentCodec.AGGREGATE_ID));
                }
            }
        }
        return List.copyOf(units);
    }

    private Set<String> parentsEver(String unitId) {
        Set<String> parents = new LinkedHashSet<>();
        events.readEvents(unitId).asStream().forEach(event -> {
            Object payload = event.getPayload();
            String parent = payload instanceof UnitRegisteredEvent r ? r.parentId()
                    : payload instanceof UnitMovedEvent m ? m.parentId() : null;
            if (parent != null) {
                parents.add(parent);
            }
        });
        return parents;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Right after Axon's own start (its handlers subscribed), before the web server's. */
    @Override
    public int getPhase() {
        return SpringAxonConfiguration.LIFECYCLE_PHASE + 1;
    }
}
