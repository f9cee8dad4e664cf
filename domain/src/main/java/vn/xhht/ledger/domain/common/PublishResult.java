package vn.xhht.ledger.domain.common;

/** What a command publishing a document as data answers: its code, the version, and whether it was new. */
public record PublishResult(String code, int version, boolean created) {
}
