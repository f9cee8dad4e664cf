package vn.xhht.ledger.command.indicator;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Problem;
import vn.xhht.ledger.domain.framework.FrameworkMessages.PublishResult;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.IndicatorCataloguePublishedEvent;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.PublishIndicatorCatalogueCommand;

import java.util.HashMap;
import java.util.Map;
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
    private int latest;
    private final Map<String, Integer> versionByHash = new HashMap<>();
    /** The indicator codes of the latest version. */
    private Set<String> codes = Set.of();

    protected IndicatorCatalogueAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    PublishResult handle(PublishIndicatorCatalogueCommand command) {
        IndicatorCatalogue catalogue = command.catalogue();
        Problem.refuseAny(catalogue.problems(), "The indicator catalogue is invalid");
        Integer existing = versionByHash.get(command.contentHash());
        if (existing != null) {
            return new PublishResult(command.code(), existing, false);
        }
        int version = catalogue.version() != null && catalogue.version() > latest ? catalogue.version() : latest + 1;
        IndicatorCatalogue published = new IndicatorCatalogue(catalogue.code(), version, catalogue.title(),
                                                              catalogue.indicators(), catalogue.provisional(),
                                                              catalogue.notes());
        apply(new IndicatorCataloguePublishedEvent(command.code(), version, published, command.contentHash(),
                                                   command.source()));
        return new PublishResult(command.code(), version, true);
    }

    /** The codes a command may name: those of the latest version. */
    Set<String> codes() {
        return codes;
    }

    @EventSourcingHandler
    void on(IndicatorCataloguePublishedEvent event) {
        code = event.code();
        if (event.version() >= latest) {
            codes = event.catalogue().indicators().stream().map(IndicatorCatalogue.IndicatorDefinition::code)
                         .collect(java.util.stream.Collectors.toUnmodifiableSet());
        }
        latest = Math.max(latest, event.version());
        versionByHash.put(event.contentHash(), event.version());
    }
}
