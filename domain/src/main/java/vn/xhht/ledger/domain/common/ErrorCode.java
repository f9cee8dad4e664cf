package vn.xhht.ledger.domain.common;

/**
 * Stable machine codes for every refusal. Clients switch on these; never rename one.
 * Each code belongs to a {@link Kind}, which the HTTP layer maps to a status.
 */
public enum ErrorCode {
    VALIDATION_FAILED(Kind.INVALID_INPUT),
    MALFORMED_REQUEST(Kind.INVALID_INPUT),
    REASON_REQUIRED(Kind.INVALID_INPUT),
    INVALID_PERIOD(Kind.INVALID_INPUT),
    /** Text that is not well-formed Unicode, holds a control character, or a line break where one line is expected. */
    INVALID_TEXT(Kind.INVALID_INPUT),
    /** A date (or instant) outside the range the service accepts (1945-01-01 to 2100-12-31). */
    DATE_OUT_OF_RANGE(Kind.INVALID_INPUT),
    /** A JSON object that names the same field twice. */
    DUPLICATE_FIELD(Kind.INVALID_INPUT),
    /** A number written with more digits or a larger exponent than any quantity of the service needs. */
    INVALID_NUMBER(Kind.INVALID_INPUT),
    /** A body that is not {@code application/json} in UTF-8 (or, where an endpoint says so, an import format). */
    UNSUPPORTED_MEDIA_TYPE(Kind.UNSUPPORTED_MEDIA_TYPE),
    UNAUTHENTICATED(Kind.UNAUTHENTICATED),
    FORBIDDEN_ROLE(Kind.FORBIDDEN),
    /** A state-changing request of a browser session without the session's CSRF token (header {@code X-XSRF-TOKEN}). */
    CSRF_TOKEN_INVALID(Kind.FORBIDDEN),
    NOT_IN_SCOPE(Kind.FORBIDDEN),
    NOT_FOUND(Kind.NOT_FOUND),
    UNIT_NOT_FOUND(Kind.NOT_FOUND),
    PLAN_NOT_FOUND(Kind.NOT_FOUND),
    DUPLICATE_ID(Kind.CONFLICT),
    STALE_VERSION(Kind.CONFLICT),
    CONCURRENT_MODIFICATION(Kind.CONFLICT),
    INVALID_TRANSITION(Kind.CONFLICT),
    PLAN_ALREADY_CLOSED(Kind.CONFLICT),
    PERIOD_CLOSED(Kind.CONFLICT),
    UNIT_MERGED(Kind.CONFLICT),
    /** A unit that no longer exists on the date: dissolved. */
    UNIT_DISSOLVED(Kind.CONFLICT),
    /** A unit cannot end while units remain under it on that date (they are named). */
    UNIT_HAS_CHILDREN(Kind.RULE_VIOLATION),
    IDEMPOTENCY_KEY_REUSED(Kind.CONFLICT),
    UNKNOWN_UNIT(Kind.RULE_VIOLATION),
    INVALID_HIERARCHY(Kind.RULE_VIOLATION),
    INVALID_VALID_FROM(Kind.RULE_VIOLATION),
    UNKNOWN_INDICATOR(Kind.RULE_VIOLATION),
    UNKNOWN_FRAMEWORK(Kind.RULE_VIOLATION),
    FRAMEWORK_NOT_FOUND(Kind.NOT_FOUND),
    ASSESSMENT_NOT_FOUND(Kind.NOT_FOUND),
    SCORE_OUT_OF_RANGE(Kind.RULE_VIOLATION),
    INCOMPLETE_ASSESSMENT(Kind.RULE_VIOLATION),
    UPGRADE_TOO_EARLY(Kind.RULE_VIOLATION),
    CONCLUSION_MISMATCH(Kind.RULE_VIOLATION),
    INVALID_LEVEL(Kind.RULE_VIOLATION),
    DUPLICATE_ASSESSMENT(Kind.CONFLICT),
    DUPLICATE_RECOGNITION(Kind.CONFLICT),
    RECOGNITION_NOT_FOUND(Kind.NOT_FOUND),
    INVALID_TITLE(Kind.RULE_VIOLATION),
    SERVICE_UNAVAILABLE(Kind.UNAVAILABLE),
    OBLIGATION_NOT_FOUND(Kind.NOT_FOUND),
    REPORT_NOT_FOUND(Kind.NOT_FOUND),
    /** An import file with at least one invalid row: the answer lists every row's problems; nothing was stored. */
    IMPORT_ROWS_INVALID(Kind.RULE_VIOLATION),
    /** An upload that is not a readable spreadsheet or CSV of the kind asked for (or hides a zip bomb, formulas...). */
    INVALID_FILE(Kind.INVALID_INPUT),
    /** An upload larger than the service accepts. */
    FILE_TOO_LARGE(Kind.TOO_LARGE),
    /** {@code asOf} on a read that keeps no record time (or on a command): asked of it, the past cannot be answered. */
    AS_OF_NOT_SUPPORTED(Kind.INVALID_INPUT),
    /** A nominee who does not meet a criterion of the movement's award criteria (the criterion is named). */
    CRITERIA_NOT_MET(Kind.RULE_VIOLATION),
    /** A second award for the same subject, movement and occasion: one achievement, one award. */
    DUPLICATE_AWARD(Kind.CONFLICT),
    /** More awards of a form than the deciding unit's quota for the occasion allows. */
    QUOTA_EXCEEDED(Kind.CONFLICT),
    NOMINATION_NOT_FOUND(Kind.NOT_FOUND),
    UNKNOWN_MOVEMENT(Kind.RULE_VIOLATION);

    /** What sort of refusal a code is, independent of any transport. */
    public enum Kind {
        INVALID_INPUT, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, RULE_VIOLATION, UNAVAILABLE
    }

    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
