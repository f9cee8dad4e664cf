package vn.xhht.ledger.command.indicator;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.common.PublishedVersions;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Problem;
import vn.xhht.ledger.domain.common.PublishResult;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.IndicatorCataloguePublishedEvent;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.PublishIndicatorCatalogueCommand;

import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The versions of the indicator catalogue: content already published is not published again; the codes of the latest
 * version are what commands may name ({@link IndicatorCodes}).
 */
@Aggregate(snapshotTriggerDefinition = "")
public class IndicatorCatalogueAggregate {

    @AggregateIdentifier
    private String code;
    private final PublishedVersions<IndicatorCatalogue> versions = new PublishedVersions<>();

    protected IndicatorCatalogueAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    PublishResult handle(PublishIndicatorCatalogueCommand command) {
        IndicatorCatalogue catalogue = command.catalogue();
        Problem.refuseAny(catalogue.problems(), "The indicator catalogue is invalid");
        return versions.publish(command.code(), command.contentHash(), catalogue.version(), version ->
                apply(new IndicatorCataloguePublishedEvent(command.code(), version,
                                                           new IndicatorCatalogue(catalogue.code(), version, catalogue.title(),
                                                                                  catalogue.indicators(), catalogue.provisional(),
                                                                                  catalogue.notes()),
                                                           command.contentHash(), command.source())));
    }

    /** The codes a command may name: those of the latest version. */
    Set<String> codes() {
        return versions.latest().map(latest -> latest.indicators().stream()
                                                     .map(IndicatorCatalogue.IndicatorDefinition::code)
                                                     .collect(java.util.stream.Collectors.toUnmodifiableSet()))
                       .orElse(Set.of());
    }

    @EventSourcingHandler
    void on(IndicatorCataloguePublishedEvent event) {
        code = event.code();
        versions.add(event.version(), event.contentHash(), event.catalogue());
    }
}
