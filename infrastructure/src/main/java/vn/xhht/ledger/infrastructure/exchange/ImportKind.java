package vn.xhht.ledger.infrastructure.exchange;

import vn.xhht.ledger.infrastructure.web.RequestRefusedException;

import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.recognition.RecognitionMessages.Title;
import vn.xhht.ledger.infrastructure.security.Role;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What can be imported from a spreadsheet, each kind with its columns — the JSON body's field names of the endpoint
 * it stands for (API.md: Import and export) — their Vietnamese help, and the roles a row needs at its unit.
 */
enum ImportKind {

    BASELINES("baselines", List.of(Role.PLANNER, Role.ADMIN),
              column("households", Type.COUNT, false, "Số hộ gia đình"),
              column("clans", Type.COUNT, false, "Số dòng họ"),
              column("villages", Type.COUNT, false, "Số thôn, ấp, tổ dân phố"),
              column("organisations", Type.COUNT, false, "Số cơ quan, đơn vị, tổ chức"),
              column("citizens", Type.COUNT, false, "Số công dân"),
              column("workingAgePeople", Type.COUNT, false, "Số người trong độ tuổi lao động")),
    RECOGNITION_BATCHES("recognition-batches", List.of(Role.RECOGNIZER),
                        column("title", Type.BATCH_TITLE, true, "Danh hiệu: GIA_DINH_HOC_TAP, DONG_HO_HOC_TAP hoặc CONG_DAN_HOC_TAP"),
                        column("count", Type.POSITIVE_COUNT, true, "Số lượng được công nhận (số nguyên, không dấu phân cách)"),
                        column("decisionNumber", Type.TEXT, true, "Số quyết định công nhận, ví dụ 98/QĐ-UBND"),
                        column("decidedOn", Type.DATE, true, "Ngày quyết định: ô kiểu ngày, hoặc chữ dạng 2023-12-10")),
    INDICATOR_VALUES("indicator-values", List.of(Role.PLANNER, Role.ADMIN),
                     column("indicator", Type.INDICATOR, true, "Mã chỉ số lấy từ khảo sát, ví dụ INFO_LITERACY"),
                     column("numerator", Type.COUNT, true, "Tử số (số nguyên)"),
                     column("denominator", Type.COUNT, true, "Mẫu số (số nguyên, không nhỏ hơn tử số)"),
                     column("source", Type.TEXT, true, "Nguồn số liệu, ví dụ Khảo sát hộ gia đình 2023"));

    /** Columns every kind starts with; {@code name} is shown by templates and ignored on import. */
    static final List<Column> LEADING = List.of(
            column("unitId", Type.UNIT, true, "Mã đơn vị (không sửa)"),
            column("name", Type.IGNORED, false, "Tên đơn vị (chỉ để đọc)"),
            column("year", Type.YEAR, true, "Năm số liệu, ví dụ 2023"));

    static final int VERSION = 1;
    private static final long MAX_COUNT = 1_000_000_000L;
    private static final Pattern UNIT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern INDICATOR = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern GROUPED = Pattern.compile("\\d{1,3}([.,]\\d{3})+");

    enum Type { UNIT, IGNORED, YEAR, COUNT, POSITIVE_COUNT, TEXT, DATE, BATCH_TITLE, INDICATOR }

    record Column(String name, Type type, boolean required, String help) {
    }

    /** A cell that breaks its column's rule: the code and the Vietnamese message of the row error. */
    record CellProblem(String code, String message) {
    }

    private final String path;
    private final List<Role> roles;
    private final List<Column> fields;

    ImportKind(String path, List<Role> roles, Column... fields) {
        this.path = path;
        this.roles = roles;
        this.fields = List.of(fields);
    }

    String path() {
        return path;
    }

    List<Role> roles() {
        return roles;
    }

    List<Column> columns() {
        return java.util.stream.Stream.concat(LEADING.stream(), fields.stream()).toList();
    }

    /** The marker a template of this kind carries in the first cell of its help sheet. */
    String marker() {
        return "xhht-import:" + path + ":v" + VERSION;
    }

    static ImportKind of(String path) {
        return Arrays.stream(values()).filter(kind -> kind.path.equals(path)).findFirst()
                     .orElseThrow(() -> new RequestRefusedException(ErrorCode.NOT_FOUND, "kind",
                                                            "No import of kind " + path + " (baselines, recognition-batches, indicator-values)"));
    }

    private static Column column(String name, Type type, boolean required, String help) {
        return new Column(name, type, required, help);
    }

    /** The cell's value in the column's type, or a problem. */
    static Object parse(Column column, SheetReader.CellValue cell) throws ProblemAt {
        if (cell.problem() != null) {
            throw new ProblemAt(cell.problem(), switch (cell.problem()) {
                case "FORMULA_NOT_ALLOWED" -> "Ô chứa công thức: hãy nhập giá trị";
                case "MERGED_CELL" -> "Ô bị gộp (merge): hãy tách ô và nhập giá trị cho từng dòng";
                default -> "Ô không đọc được";
            });
        }
        Object value = cell.value();
        if (value == null) {
            if (column.required()) {
                throw new ProblemAt("REQUIRED", "Thiếu giá trị bắt buộc");
            }
            return null;
        }
        return switch (column.type()) {
            case IGNORED -> null;
            case UNIT -> {
                String id = text(value);
                if (!UNIT_ID.matcher(id).matches()) {
                    throw new ProblemAt("VALIDATION_FAILED", "Mã đơn vị chỉ gồm chữ thường, số và dấu gạch ngang");
                }
                yield id;
            }
            case YEAR -> {
                long year = whole(value);
                if (year < 2000 || year > 2100) {
                    throw new ProblemAt("VALIDATION_FAILED", "Năm phải từ 2000 đến 2100");
                }
                yield (int) year;
            }
            case COUNT, POSITIVE_COUNT -> {
                long count = whole(value);
                if (count < (column.type() == Type.POSITIVE_COUNT ? 1 : 0) || count > MAX_COUNT) {
                    throw new ProblemAt("VALIDATION_FAILED", column.type() == Type.POSITIVE_COUNT
                            ? "Số lượng phải từ 1 đến " + MAX_COUNT : "Số phải từ 0 đến " + MAX_COUNT);
                }
                yield count;
            }
            case TEXT -> {
                String text = text(value);
                if (text.length() > 500 || text.chars().anyMatch(ch -> Character.isISOControl(ch))) {
                    throw new ProblemAt("INVALID_TEXT", "Văn bản quá dài (tối đa 500 ký tự) hoặc chứa ký tự điều khiển");
                }
                if ("=+-@".indexOf(text.charAt(0)) >= 0 && text.length() > 1 && !Character.isDigit(text.charAt(1))) {
                    throw new ProblemAt("FORMULA_NOT_ALLOWED", "Văn bản không được bắt đầu bằng =, +, - hoặc @");
                }
                yield text;
            }
            case DATE -> {
                if (value instanceof LocalDate date) {
                    yield date;
                }
                String text = text(value);
                try {
                    yield LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    throw new ProblemAt("INVALID_DATE", "Ngày \"" + text + "\" không hợp lệ: hãy nhập ô kiểu ngày hoặc dạng 2023-12-10");
                }
            }
            case BATCH_TITLE -> {
                String text = text(value).toUpperCase(Locale.ROOT);
                try {
                    Title title = Title.valueOf(text);
                    if (!title.countedInBatches()) {
                        throw new IllegalArgumentException();
                    }
                    yield title;
                } catch (IllegalArgumentException e) {
                    throw new ProblemAt("INVALID_TITLE", "Danh hiệu ghi theo đợt: GIA_DINH_HOC_TAP, DONG_HO_HOC_TAP, CONG_DAN_HOC_TAP");
                }
            }
            case INDICATOR -> {
                String code = text(value);
                if (!INDICATOR.matcher(code).matches()) {
                    throw new ProblemAt("UNKNOWN_INDICATOR", "Mã chỉ số không hợp lệ: " + code);
                }
                yield code;
            }
        };
    }

    private static String text(Object value) {
        if (value instanceof Double number && number == Math.rint(number)) {
            return Long.toString(number.longValue());
        }
        return value.toString().strip();
    }

    private static long whole(Object value) throws ProblemAt {
        if (value instanceof Double number) {
            if (number != Math.rint(number) || Math.abs(number) > 1e15) {
                throw new ProblemAt("INVALID_NUMBER", "Phải là số nguyên");
            }
            return number.longValue();
        }
        if (value instanceof String text) {
            String digits = text.strip();
            if (digits.matches("\\d{1,15}")) {
                return Long.parseLong(digits);
            }
            if (GROUPED.matcher(digits).matches()) {
                throw new ProblemAt("INVALID_NUMBER", "Số \"" + digits + "\" có dấu phân cách hàng nghìn: hãy ghi "
                        + digits.replaceAll("[.,]", ""));
            }
        }
        throw new ProblemAt("INVALID_NUMBER", "Phải là số nguyên, ví dụ 1250");
    }

    /** A cell's problem, with the code and the Vietnamese message the row error carries. */
    static final class ProblemAt extends Exception {
        final String code;

        ProblemAt(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
