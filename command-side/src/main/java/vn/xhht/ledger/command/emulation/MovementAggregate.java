package vn.xhht.ledger.command.emulation;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.common.PublishedVersions;
import vn.xhht.ledger.domain.emulation.EmulationMessages.MovementPublishedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.PublishMovementCommand;
import vn.xhht.ledger.domain.emulation.Movement;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Problem;
import vn.xhht.ledger.domain.common.PublishResult;


import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** The versions of one emulation movement's rules (phases, award forms, deciders): content already published is not published again. */
@Aggregate(snapshotTriggerDefinition = "")
public class MovementAggregate {

    @AggregateIdentifier
    private String code;
    private final PublishedVersions<Movement> versions = new PublishedVersions<>();

    protected MovementAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    PublishResult handle(PublishMovementCommand command) {
        Movement movement = command.movement();
        Problem.refuseAny(movement.problems(), "The movement document is invalid");
        return versions.publish(command.code(), command.contentHash(), movement.version(), version ->
                apply(new MovementPublishedEvent(command.code(), version, movement.withVersion(version),
                                                 command.contentHash(), command.source())));
    }

    /** The movement's rules as last published. */
    Movement latest() {
        return versions.latest().orElseThrow();
    }

    @EventSourcingHandler
    void on(MovementPublishedEvent event) {
        code = event.code();
        versions.add(event.version(), event.contentHash(), event.movement());
    }
}
