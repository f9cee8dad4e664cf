package vn.xhht.ledger.command.emulation;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.common.PublishedVersions;
import vn.xhht.ledger.domain.emulation.AwardCriteria;
import vn.xhht.ledger.domain.emulation.EmulationMessages.AwardCriteriaPublishedEvent;
import vn.xhht.ledger.domain.emulation.EmulationMessages.PublishAwardCriteriaCommand;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Problem;
import vn.xhht.ledger.domain.common.PublishResult;

import java.time.LocalDate;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The versions of one set of award criteria: content already published is not published again; a nomination is
 * judged by the latest version in force on the day it is submitted, and records which.
 */
@Aggregate(snapshotTriggerDefinition = "")
public class AwardCriteriaAggregate {

    @AggregateIdentifier
    private String code;
    private final PublishedVersions<AwardCriteria> versions = new PublishedVersions<>();

    protected AwardCriteriaAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    PublishResult handle(PublishAwardCriteriaCommand command) {
        AwardCriteria criteria = command.criteria();
        Problem.refuseAny(criteria.problems(), "The award criteria document is invalid");
        return versions.publish(command.code(), command.contentHash(), criteria.version(), version ->
                apply(new AwardCriteriaPublishedEvent(command.code(), version, criteria.withVersion(version),
                                                      command.contentHash(), command.source())));
    }

    /** The latest version in force on a day. */
    Optional<AwardCriteria> inForceOn(LocalDate day) {
        return versions.all().descendingMap().values().stream().filter(c -> !c.effectiveFrom().isAfter(day)).findFirst();
    }

    @EventSourcingHandler
    void on(AwardCriteriaPublishedEvent event) {
        code = event.code();
        versions.add(event.version(), event.contentHash(), event.criteria());
    }
}
