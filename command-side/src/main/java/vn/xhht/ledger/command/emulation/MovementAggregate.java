package vn.xhht.ledger.command.emulation;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.emulation.EmulationMessages.MovementPublishedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.PublishMovementCommand;
import vn.xhht.ledger.domain.emulation.Movement;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Problem;
import vn.xhht.ledger.domain.framework.FrameworkMessages.PublishResult;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** The versions of one emulation movement's rules (phases, award forms, deciders): content already published is not published again. */
@Aggregate(snapshotTriggerDefinition = "")
public class MovementAggregate {

    @AggregateIdentifier
    private String code;
    private final TreeMap<Integer, Movement> versions = new TreeMap<>();
    private final Map<String, Integer> versionByHash = new HashMap<>();

    protected MovementAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    PublishResult handle(PublishMovementCommand command) {
        Movement movement = command.movement();
        Problem.refuseAny(movement.problems(), "The movement document is invalid");
        Integer existing = versionByHash.get(command.contentHash());
        if (existing != null) {
            return new PublishResult(command.code(), existing, false);
        }
        int latest = versions.isEmpty() ? 0 : versions.lastKey();
        Integer wanted = movement.version();
        int version = wanted != null && wanted > latest ? wanted : latest + 1;
        apply(new MovementPublishedEvent(command.code(), version, movement.withVersion(version), command.contentHash(),
                                         command.source()));
        return new PublishResult(command.code(), version, true);
    }

    /** The movement's rules as last published. */
    Movement latest() {
        return versions.lastEntry().getValue();
    }

    @EventSourcingHandler
    void on(MovementPublishedEvent event) {
        code = event.code();
        versions.put(event.version(), event.movement());
        versionByHash.put(event.contentHash(), event.version());
    }
}
