package vn.xhht.ledger.command.pcgd;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.common.PublishedVersions;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Problem;
import vn.xhht.ledger.domain.common.PublishResult;
import vn.xhht.ledger.domain.pcgd.PcgdCycle;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.PcgdCyclePublishedEvent;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.PublishPcgdCycleCommand;


import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** The versions of the universal-education cycle: content already published is not published again. */
@Aggregate(snapshotTriggerDefinition = "")
public class PcgdCycleAggregate {

    /** The one cycle the service follows. */
    public static final String ID = "ND20-2014-CYCLE";

    @AggregateIdentifier
    private String code;
    private final PublishedVersions<PcgdCycle> versions = new PublishedVersions<>();

    protected PcgdCycleAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    PublishResult handle(PublishPcgdCycleCommand command) {
        Problem.refuseAny(command.cycle().problems(), "The universal-education cycle is invalid");
        return versions.publish(command.code(), command.contentHash(), command.cycle().version(), version ->
                apply(new PcgdCyclePublishedEvent(command.code(), version, command.cycle().withVersion(version),
                                                  command.contentHash(), command.source())));
    }

    PcgdCycle latest() {
        return versions.latest().orElse(null);
    }

    @EventSourcingHandler
    void on(PcgdCyclePublishedEvent event) {
        code = event.code();
        versions.add(event.version(), event.contentHash(), event.cycle());
    }
}
