package vn.xhht.ledger.command.framework;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.common.PublishedVersions;
import vn.xhht.ledger.domain.framework.CriteriaFramework.Problem;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.FrameworkMessages.FrameworkVersionPublishedEvent;
import vn.xhht.ledger.domain.framework.FrameworkMessages.PublishFrameworkVersionCommand;
import vn.xhht.ledger.domain.common.PublishResult;

import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The versions of one criteria framework (identified by its code). Versions are immutable: publishing content
 * already published stores nothing; changed content becomes a new version.
 */
@Aggregate(snapshotTriggerDefinition = "")
public class FrameworkAggregate {

    @AggregateIdentifier
    private String code;
    private final PublishedVersions<CriteriaFramework> versions = new PublishedVersions<>();

    protected FrameworkAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    PublishResult handle(PublishFrameworkVersionCommand command, TitleFrameworks titles) throws Exception {
        CriteriaFramework document = command.framework();
        Problem.refuseAny(document.problems(), "The framework document is invalid");
        PublishResult published = versions.publish(command.code(), command.contentHash(), document.version(), version ->
                apply(new FrameworkVersionPublishedEvent(command.code(), version, document.published(version),
                                                         command.contentHash(), command.source())));
        // also for content published before: a framework published before titles were kept is recorded once
        titles.register(versions.latest().orElseThrow());
        return published;
    }

    /** The framework as published in {@code version}, or the latest when null. */
    public Optional<CriteriaFramework> version(Integer version) {
        return version == null ? versions.latest() : Optional.ofNullable(versions.all().get(version));
    }

    @EventSourcingHandler
    void on(FrameworkVersionPublishedEvent event) {
        code = event.code();
        versions.add(event.version(), event.contentHash(), event.framework());
    }
}
