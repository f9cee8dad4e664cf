package vn.xhht.ledger.infrastructure.web.input;

import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.infrastructure.web.RequestRefusedException;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What the service accepts as input, in one place: the rules every body, path, query and header value passes before
 * anything reads it. Refusals are {@code 400} problems naming the field; nothing already stored is rewritten.
 * <ul>
 *   <li><b>Text</b> is well-formed Unicode (no unpaired surrogate, no noncharacter such as U+FFFE), holds no control
 *   character — except tab, line feed and carriage return in free text (reasons, evidence, task contents) — and is
 *   stored in Unicode normalisation form C, so "Củ Chi" typed with combining marks and precomposed is one name.</li>
 *   <li><b>Dates</b> lie between {@link #FIRST_DATE} and {@link #LAST_DATE}; instants ({@code asOf}, {@code from},
 *   {@code to}) within the same days in UTC.</li>
 *   <li><b>Numbers</b> have at most {@link #MAX_NUMBER_DIGITS} digits and an exponent of at most
 *   {@link #MAX_EXPONENT}: every quantity of the programme (households, points, shares) fits, and no arithmetic on
 *   a value such as {@code 1e999999999} can exhaust the service.</li>
 *   <li><b>JSON</b> is UTF-8 and names each field of an object once.</li>
 * </ul>
 * Identifiers and codes have their own syntax: {@link vn.xhht.ledger.infrastructure.web.Requests#UNIT_ID} and its
 * neighbours.
 */
public final class InputRules {

    /** The first date the service accepts: the founding of the state whose administrative units it records. */
    public static final LocalDate FIRST_DATE = LocalDate.of(1945, 1, 1);
    /** The last date the service accepts. */
    public static final LocalDate LAST_DATE = LocalDate.of(2100, 12, 31);
    public static final int MAX_NUMBER_DIGITS = 30;
    public static final int MAX_EXPONENT = 30;

    private static final Instant FIRST_INSTANT = FIRST_DATE.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant END_INSTANT = LAST_DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private InputRules() {
    }

    /** Whether text may span lines (and hold tabs): free text such as a reason, or one line such as a name. */
    public enum Lines { ONE, FREE }

    /** The first problem of {@code text} under the text rules, or null when it has none. */
    public static String textProblem(String text, Lines lines) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int codePoint = Character.toCodePoint(c, text.charAt(i + 1));
                    if ((codePoint & 0xFFFE) == 0xFFFE) {
                        return "holds the noncharacter U+" + Integer.toHexString(codePoint).toUpperCase();
                    }
                    i++;
                    continue;
                }
                return "is not well-formed Unicode (an unpaired surrogate at character " + i + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "is not well-formed Unicode (an unpaired surrogate at character " + i + ")";
            }
            if (c == '\t' || c == '\n' || c == '\r') {
                if (lines == Lines.ONE) {
                    return "must be one line, without tabs or line breaks";
                }
                continue;
            }
            if (Character.getType(c) == Character.CONTROL) {
                return "holds the control character U+" + String.format("%04X", (int) c);
            }
            if (c == '\uFFFE' || c == '\uFFFF' || (c >= '\uFDD0' && c <= '\uFDEF')) {
                return "holds the noncharacter U+" + Integer.toHexString(c).toUpperCase();
            }
        }
        return null;
    }

    /** The text in normalisation form C, or a refusal naming {@code field}. */
    public static String text(String text, Lines lines, String field) {
        if (text == null) {
            return null;
        }
        String problem = textProblem(text, lines);
        if (problem != null) {
            throw new RequestRefusedException(ErrorCode.INVALID_TEXT, field, field + " " + problem);
        }
        return normalised(text);
    }

    /** NFC of text already known to be well-formed. */
    public static String normalised(String text) {
        return Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    public static boolean inRange(LocalDate date) {
        return !date.isBefore(FIRST_DATE) && !date.isAfter(LAST_DATE);
    }

    /** The date, or a refusal naming {@code field} when it lies outside the accepted range. */
    public static LocalDate date(LocalDate date, String field) {
        if (date != null && !inRange(date)) {
            throw new RequestRefusedException(ErrorCode.DATE_OUT_OF_RANGE, field, dateRangeMessage(field));
        }
        return date;
    }

    /** The instant, or a refusal naming {@code field} when it lies outside the accepted days. */
    public static Instant instant(Instant instant, String field) {
        if (instant != null && (instant.isBefore(FIRST_INSTANT) || !instant.isBefore(END_INSTANT))) {
            throw new RequestRefusedException(ErrorCode.DATE_OUT_OF_RANGE, field, dateRangeMessage(field));
        }
        return instant;
    }

    public static String dateRangeMessage(String field) {
        return field + " must lie between " + FIRST_DATE + " and " + LAST_DATE;
    }

    /** The first problem of a JSON number as written, or null: too many digits or too large an exponent. */
    public static String numberProblem(String written) {
        if (written.length() > MAX_NUMBER_DIGITS + 8) {
            return "has more than " + MAX_NUMBER_DIGITS + " digits";
        }
        try {
            BigDecimal value = new BigDecimal(written);
            if (value.precision() > MAX_NUMBER_DIGITS) {
                return "has more than " + MAX_NUMBER_DIGITS + " digits";
            }
            long exponent = (long) value.precision() - value.scale() - 1;
            if (Math.abs(exponent) > MAX_EXPONENT && value.signum() != 0 || Math.abs((long) value.scale()) > MAX_EXPONENT + MAX_NUMBER_DIGITS) {
                return "is beyond 10^" + MAX_EXPONENT + " in magnitude or precision";
            }
            return null;
        } catch (NumberFormatException | ArithmeticException e) {
            return "is not a number";
        }
    }
}
