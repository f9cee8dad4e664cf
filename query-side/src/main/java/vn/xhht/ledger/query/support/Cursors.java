package vn.xhht.ledger.query.support;

import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque list cursors: an offset, base64-encoded so clients do not build them. */
public final class Cursors {
    private Cursors() {
    }

    public static int offset(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!decoded.startsWith("o:")) {
                throw new IllegalArgumentException();
            }
            int offset = Integer.parseInt(decoded.substring(2));
            if (offset < 0) {
                throw new IllegalArgumentException();
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "cursor", "Unknown cursor");
        }
    }

    public static String next(int offset, int limit, int total) {
        int next = offset + limit;
        return next >= total ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + next).getBytes(StandardCharsets.UTF_8));
    }
}
