package vn.xhht.ledger.infrastructure.benchmark;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;

import java.util.ArrayList;
import java.util.List;

/** A benchmark's generated dataset, stored as events a thousand at a time, straight through the event store. */
final class GeneratedEvents {

    private final EventStore eventStore;
    private final List<EventMessage<?>> chunk = new ArrayList<>();
    private long count;

    GeneratedEvents(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    void add(String type, String aggregate, long sequence, Object payload) {
        chunk.add(new GenericDomainEventMessage<>(type, aggregate, sequence, payload,
                                                  MetaData.with("actor", "benchmark").and("reason", "generated dataset")));
        count++;
        if (chunk.size() == 1_000) {
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
