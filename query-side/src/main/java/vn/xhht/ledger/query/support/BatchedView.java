package vn.xhht.ledger.query.support;

import org.axonframework.eventhandling.EventHandler;

/**
 * A projection whose reads and writes are batched ({@link ViewBatch}). Every event reaches it — those it has nothing
 * to do with too — so that the batch's last event always does and the batch's writes are then made; a replay ends by
 * writing what it held.
 */
public abstract class BatchedView implements Replayable {

    /** The projection's batch. */
    protected abstract ViewBatch batch();

    /** Every other event: nothing to change, but it may end the batch, whose writes are then made. */
    @EventHandler
    public void on(Object anyOtherEvent) {
        batch().apply(() -> {
        });
    }

    @Override
    public void finishReplay() {
        batch().finish();
    }
}
