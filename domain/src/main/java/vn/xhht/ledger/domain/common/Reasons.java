package vn.xhht.ledger.domain.common;

/** Commands that change or undo something must say why. */
public final class Reasons {
    private Reasons() {
    }

    public static String require(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new DomainException(ErrorCode.REASON_REQUIRED, "reason", "A non-blank reason is required");
        }
        return reason.strip();
    }
}
