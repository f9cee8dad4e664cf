package vn.xhht.ledger.infrastructure.web;

import vn.xhht.ledger.domain.common.ErrorCode;

/**
 * A request refused before any command is sent, naming the part of the request at fault as the client wrote it: a
 * header ({@code If-Match}, {@code Content-Type}), a query parameter ({@code limit}, {@code cursor}), a path
 * variable, the URI. (A rule of the domain refuses with a {@code DomainException} naming a domain field instead.)
 */
public class RequestRefusedException extends RuntimeException {

    private final ErrorCode code;
    private final String part;

    public RequestRefusedException(ErrorCode code, String part, String message) {
        super(message, null, false, false);
        this.code = code;
        this.part = part;
    }

    public ErrorCode code() {
        return code;
    }

    /** The header, parameter or path variable at fault. */
    public String part() {
        return part;
    }
}
