package vn.xhht.ledger.command.framework;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Problem;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.FrameworkMessages.FrameworkVersionPublishedEvent;
import vn.xhht.ledger.domain.framework.FrameworkMessages.PublishFrameworkVersionCommand;
import vn.xhht.ledger.domain.framework.FrameworkMessages.PublishResult;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The versions of one criteria framework (identified by its code). Versions are immutable: publishing content
 * already published stores nothing; changed content becomes a new version.
 */
@Aggregate(snapshotTriggerDefinition = "")
public class FrameworkAggregate {

    @AggregateIdentifier
    private String code;
    private final TreeMap<Integer, CriteriaFramework> versions = new TreeMap<>();
    private final Map<String, Integer> versionByHash = new java.util.HashMap<>();

    protected FrameworkAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    PublishResult handle(PublishFrameworkVersionCommand command, TitleFrameworks titles) throws Exception {
        CriteriaFramework document = command.framework();
        Problem.refuseAny(document.problems(), "The framework document is invalid");
        Integer existing = versionByHash.get(command.contentHash());
        if (existing != null) {
            titles.register(versions.lastEntry().getValue()); // recorded once for a framework published before
            return new PublishResult(command.code(), existing, false);
        }
        int latest = versions.isEmpty() ? 0 : versions.lastKey();
        Integer wanted = document.version();
        int version = wanted != null && !versions.containsKey(wanted) ? wanted : latest + 1;
        apply(new FrameworkVersionPublishedEvent(command.code(), version, document.published(version),
                                                 command.contentHash(), command.source()));
        titles.register(versions.lastEntry().getValue());
        return new PublishResult(command.code(), version, true);
    }

    /** The framework as published in {@code version}, or the latest when null. */
    public Optional<CriteriaFramework> version(Integer version) {
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(version == null ? versions.lastEntry().getValue() : versions.get(version));
    }

    @EventSourcingHandler
    void on(FrameworkVersionPublishedEvent event) {
        code = event.code();
        versions.put(event.version(), event.framework());
        versionByHash.put(event.contentHash(), event.version());
    }
}
