package vn.xhht.ledger.infrastructure.eventstore;

/**
 * An event holding text that is not well-formed Unicode (an unpaired surrogate). BSON stores UTF-8, so such text
 * would be read back differently from what was sealed and the log would no longer verify: the store refuses the
 * commit instead. Input is refused long before this ({@code InputRules}); this is the store's own guarantee.
 */
public class UnstorableTextException extends IllegalArgumentException {
    public UnstorableTextException(String where) {
        super("Text that is not well-formed Unicode cannot be stored (" + where + ")");
    }
}
