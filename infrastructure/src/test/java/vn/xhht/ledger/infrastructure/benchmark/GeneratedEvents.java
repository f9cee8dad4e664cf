package vn.xhht.ledger.infrastructure.benchmark;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;

import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark's generated dataset, stored straight through the event store, {@code perCommit} events to a commit (a
 * thousand for a dataset that only has to be there; one or two for a log shaped as commands write it).
 */
final class GeneratedEvents {

    private final EventStore eventStore;
    private final int perCommit;
    private final List<EventMessage<?>> chunk = new ArrayList<>();
    private long count;

    GeneratedEvents(EventStore eventStore) {
        this(eventStore, 1_000);
    }

    GeneratedEvents(EventStore eventStore, int perCommit) {
        this.eventStore = eventStore;
        this.perCommit = perCommit;
    }

    void add(String type, String aggregate, long sequence, Object payload) {
        chunk.add(new GenericDomainEventMessage<>(type, aggregate, sequence, payload,
                                                  MetaData.with("actor", "benchmark").and("reason", "generated dataset")));
        count++;
        if (chunk.size() == perCommit) {
            flush();
        }
    }

    /** Stores what is still held; answers how many events were generated. */
    long flush() {
        if (!chunk.isEmpty()) {
            eventStore.publish(new ArrayList<>(chunk));
            chunk.clear();
        }
        return count;
    }
}
