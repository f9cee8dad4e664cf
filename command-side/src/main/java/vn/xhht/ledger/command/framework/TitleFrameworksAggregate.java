package vn.xhht.ledger.command.framework;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.FrameworkMessages;
import vn.xhht.ledger.domain.framework.FrameworkMessages.TitleFrameworkRegisteredEvent;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The frameworks that govern one title, each as its latest version says: in force from when to when, and how long a
 * recognition under it stays valid. Written when a framework version is published (and, for frameworks published
 * before this was kept, when their files are published again at start-up: nothing changes in them, the entry is
 * recorded once).
 */
@Aggregate(snapshotTriggerDefinition = "")
public class TitleFrameworksAggregate {

    @AggregateIdentifier
    private String id;
    private final Map<String, TitleFrameworkRegisteredEvent> byCode = new LinkedHashMap<>();

    protected TitleFrameworksAggregate() {
        // for Axon
    }

    TitleFrameworksAggregate(String title) {
        this.id = FrameworkMessages.titleFrameworksId(title);
    }

    /** Records the framework's version as governing its title, unless that version already is. */
    void register(CriteriaFramework framework) {
        TitleFrameworkRegisteredEvent known = byCode.get(framework.code());
        if (known != null && known.version() >= framework.version()) {
            return;
        }
        apply(new TitleFrameworkRegisteredEvent(framework.subjectTitle(), framework.code(), framework.version(),
                                                framework.effectiveFrom(), framework.effectiveTo(),
                                                framework.validityYears()));
    }

    /**
     * The framework in force on {@code day}: of those in force then, the one in force from the latest date (a
     * replacing framework starts after the one it replaces), then by code.
     */
    Optional<TitleFrameworkRegisteredEvent> inForceOn(LocalDate day) {
        return byCode.values().stream()
                     .filter(f -> (f.effectiveFrom() == null || !day.isBefore(f.effectiveFrom()))
                             && (f.effectiveTo() == null || !day.isAfter(f.effectiveTo())))
                     .max(Comparator.comparing((TitleFrameworkRegisteredEvent f) -> f.effectiveFrom() == null
                                     ? LocalDate.MIN : f.effectiveFrom())
                                    .thenComparing(TitleFrameworkRegisteredEvent::code, Comparator.reverseOrder()));
    }

    @EventSourcingHandler
    void on(TitleFrameworkRegisteredEvent event) {
        id = FrameworkMessages.titleFrameworksId(event.title());
        byCode.put(event.code(), event);
    }
}
