package vn.xhht.ledger.query.support;

/**
 * A projection that can replay the log into a scratch database of its own (a verified rebuild), holding its documents
 * in memory meanwhile ({@link ViewBatch.Mode#REPLAY}).
 */
public interface Replayable {

    /** The replay has delivered its last event: writes what is still held in memory. */
    void finishReplay();
}
