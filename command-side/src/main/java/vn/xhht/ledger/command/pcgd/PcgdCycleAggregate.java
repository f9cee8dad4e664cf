package vn.xhht.ledger.command.pcgd;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Problem;
import vn.xhht.ledger.domain.framework.FrameworkMessages.PublishResult;
import vn.xhht.ledger.domain.pcgd.PcgdCycle;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.PcgdCyclePublishedEvent;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.PublishPcgdCycleCommand;

import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** The versions of the universal-education cycle: content already published is not published again. */
@Aggregate(snapshotTriggerDefinition = "")
public class PcgdCycleAggregate {

    /** The one cycle the service follows. */
    public static final String ID = "ND20-2014-CYCLE";

    @AggregateIdentifier
    private String code;
    private int latestVersion;
    private PcgdCycle latest;
    private final Map<String, Integer> versionByHash = new HashMap<>();

    protected PcgdCycleAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    PublishResult handle(PublishPcgdCycleCommand command) {
        Problem.refuseAny(command.cycle().problems(), "The universal-education cycle is invalid");
        Integer existing = versionByHash.get(command.contentHash());
        if (existing != null) {
            return new PublishResult(command.code(), existing, false);
        }
        Integer wanted = command.cycle().version();
        int version = wanted != null && wanted > latestVersion ? wanted : latestVersion + 1;
        apply(new PcgdCyclePublishedEvent(command.code(), version, command.cycle().withVersion(version),
                                          command.contentHash(), command.source()));
        return new PublishResult(command.code(), version, true);
    }

    PcgdCycle latest() {
        return latest;
    }

    @EventSourcingHandler
    void on(PcgdCyclePublishedEvent event) {
        code = event.code();
        latestVersion = Math.max(latestVersion, event.version());
        latest = event.cycle();
        versionByHash.put(event.contentHash(), event.version());
    }
}
