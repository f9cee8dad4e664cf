package vn.xhht.ledger.infrastructure.web;

import vn.xhht.ledger.domain.common.ProgrammeTime;

import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.infrastructure.web.input.InputRules;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Pattern;

/** Small checks on what arrives in paths, query strings and headers. */
public final class Requests {

    public static final String UNIT_ID = "[a-z0-9][a-z0-9-]{0,63}";
    public static final String INDICATOR_CODE = "[A-Z][A-Z0-9_]{0,63}";
    private static final Pattern UNIT_ID_PATTERN = Pattern.compile(UNIT_ID);
    private static final Pattern AGGREGATE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:|-]{0,199}");
    private static final Pattern VERSION = Pattern.compile("(W/)?\"?(\\d{1,18})\"?");

    private Requests() {
    }

    public static String unitId(String id) {
        if (id == null || !UNIT_ID_PATTERN.matcher(id).matches()) {
            throw new RequestRefusedException(ErrorCode.VALIDATION_FAILED, "id",
                                      "A unit id matches " + UNIT_ID);
        }
        return id;
    }

    /** A figures year (indicators, baselines, batches, period closes). */
    public static int year(int year) {
        if (year < 2000 || year > 2100) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "year", "year must be between 2000 and 2100");
        }
        return year;
    }

    /** A framework's code, as a query parameter named {@code field}. */
    public static String frameworkCode(String code, String field) {
        if (code == null || !code.matches(AssessmentRequests.CODE)) {
            throw new RequestRefusedException(ErrorCode.VALIDATION_FAILED, field, "A framework code matches " + AssessmentRequests.CODE);
        }
        return code;
    }

    public static String uuid(String id, ErrorCode notFound) {
        try {
            return UUID.fromString(id).toString().equals(id.toLowerCase()) ? id.toLowerCase() : fail(notFound);
        } catch (IllegalArgumentException e) {
            return fail(notFound);
        }
    }

    /** A list's page size: {@code ?limit=}, 50 when absent, at most 500 (API.md conventions). */
    public static int limit(Integer limit) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 500) {
            throw new RequestRefusedException(ErrorCode.VALIDATION_FAILED, "limit", "limit must be between 1 and 500");
        }
        return size;
    }

    /** A cursor that is a global position of the log ({@code 0}, the start, when absent). */
    public static long positionCursor(String cursor) {
        if (cursor == null) {
            return 0;
        }
        if (!cursor.matches("\\d{1,18}")) {
            throw new RequestRefusedException(ErrorCode.VALIDATION_FAILED, "cursor", "Not a cursor of this list");
        }
        return Long.parseLong(cursor);
    }

    /** An optional instant in a query string ({@code asOf}, {@code from}, {@code to}). */
    public static Instant instant(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return InputRules.instant(Instant.parse(text), field);
        } catch (DateTimeException e) { // DateTimeParseException, or a day that does not exist
            throw new RequestRefusedException(ErrorCode.VALIDATION_FAILED, field, "An instant in UTC such as 2023-12-31T10:00:00Z");
        }
    }

    /** An aggregate id as the log holds them: a unit id, a UUID, or a key such as {@code cu-chi|2023}. */
    public static String aggregateId(String id) {
        if (id == null || !AGGREGATE_ID.matcher(id).matches()) {
            throw new RequestRefusedException(ErrorCode.VALIDATION_FAILED, "aggregateId",
                                      "An aggregate id of letters, digits and - _ . : | (at most 200)");
        }
        return id;
    }

    private static String fail(ErrorCode notFound) {
        throw new DomainException(notFound, "No such resource");
    }

    /** The version in {@code If-Match: "<version>"}, or null when absent. */
    public static Long ifMatch(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        var matcher = VERSION.matcher(header.strip());
        if (!matcher.matches()) {
            throw new RequestRefusedException(ErrorCode.VALIDATION_FAILED, "If-Match",
                                      "If-Match must be a resource version such as \"3\"");
        }
        return Long.parseLong(matcher.group(2));
    }

    public static LocalDate onOrToday(LocalDate on, Clock clock) {
        return on == null ? ProgrammeTime.today(clock) : on;
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
