package vn.xhht.ledger.infrastructure.cluster;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.xhht.ledger.infrastructure.eventstore.MongoTokenStore;
import vn.xhht.ledger.infrastructure.eventstore.MongoTokenStore.SegmentClaim;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;

/**
 * Shares the projections' segments between the nodes that run on one MongoDB. Without it the first node to start
 * claims every segment and keeps them: the others would only stand by.
 * <p>
 * Every node writes a heartbeat to {@code service_nodes} ({@code {_id: node, seen}}); a node not seen for the claim
 * timeout is gone (its claims have expired too, so the others' processors take its segments over). Every
 * {@code interval} a node counts the live claims per live node and, while it holds at least two segments more than the
 * node holding the fewest, releases one of its own for a while, so that node can claim it. Segments move one at a
 * time and only towards a node with fewer, so the split settles (7 segments on 2 nodes: 4 and 3) and never
 * oscillates. A released segment's events wait at most a claim interval: nothing is skipped or handled twice beyond
 * what a projection already tolerates after a crash (the token is stored with each batch).
 */
public class SegmentBalancer {

    public static final String NODES = "service_nodes";
    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final MongoTokenStore tokens;
    private final MongoCollection<Document> nodes;
    private final Duration interval;
    private final Duration nodeTimeout;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public SegmentBalancer(EventProcessingConfiguration processing, MongoTokenStore tokens, MongoDatabase database,
                           Duration interval, Duration nodeTimeout, Clock clock) {
        this.processing = processing;
        this.tokens = tokens;
        this.nodes = database.getCollection(NODES);
        this.interval = interval;
        this.nodeTimeout = nodeTimeout;
        this.clock = clock;
    }

    public void start() {
        heartbeat();
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Leaves the cluster on a clean shutdown, so the others stop counting this node at once. */
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        try {
            nodes.deleteOne(eq("_id", tokens.nodeId()));
        } catch (RuntimeException e) {
            log.debug("Could not remove this node's heartbeat", e);
        }
    }

    private void tick() {
        try {
            heartbeat();
            balance();
        } catch (RuntimeException e) {
            log.warn("Segment balancing skipped this round", e);
        }
    }

    private void heartbeat() {
        nodes.replaceOne(eq("_id", tokens.nodeId()),
                         new Document("_id", tokens.nodeId()).append("seen", Date.from(clock.instant())),
                         new ReplaceOptions().upsert(true));
    }

    /** The segments held per live node, this node included (a node holding none counts as 0). */
    Map<String, List<SegmentClaim>> claimsByNode() {
        Map<String, List<SegmentClaim>> held = new TreeMap<>();
        held.put(tokens.nodeId(), new ArrayList<>());
        for (Document node : nodes.find(gte("seen", Date.from(clock.instant().minus(nodeTimeout))))) {
            held.putIfAbsent(node.getString("_id"), new ArrayList<>());
        }
        for (String processor : processing.eventProcessors().keySet()) {
            for (SegmentClaim claim : tokens.segmentClaims(processor)) {
                if (claim.owner() != null) {
                    held.computeIfAbsent(claim.owner(), node -> new ArrayList<>()).add(claim);
                }
            }
        }
        return held;
    }

    void balance() {
        Map<String, List<SegmentClaim>> held = claimsByNode();
        if (held.size() < 2) {
            return;
        }
        List<SegmentClaim> mine = held.get(tokens.nodeId());
        int fewest = Collections.min(held.values().stream().map(List::size).toList());
        if (mine.size() - fewest < 2) {
            return;
        }
        Map<String, Integer> perProcessor = new HashMap<>();
        mine.forEach(claim -> perProcessor.merge(claim.processor(), 1, Integer::sum));
        // the processor this node holds most segments of gives one up; among equals, the last by name
        SegmentClaim released = mine.stream()
                                    .max(Comparator.comparing((SegmentClaim claim) -> perProcessor.get(claim.processor()))
                                                   .thenComparing(SegmentClaim::processor))
                                    .orElseThrow();
        processing.eventProcessor(released.processor(), StreamingEventProcessor.class).ifPresent(processor -> {
            log.info("Releasing segment {} of {} to a node with fewer segments ({} here, {} there)",
                     released.segment(), released.processor(), mine.size(), fewest);
            processor.releaseSegment(released.segment());
        });
    }
}
