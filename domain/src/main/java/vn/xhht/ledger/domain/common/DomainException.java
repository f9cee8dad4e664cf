package vn.xhht.ledger.domain.common;

/** A business rule refused a command or a query. Carries a stable {@link ErrorCode}. */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final String field;

    public DomainException(ErrorCode code, String message) {
        this(code, null, message);
    }

    public DomainException(ErrorCode code, String field, String message) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    /** The request field at fault, when there is one. */
    public String field() {
        return field;
    }
}
