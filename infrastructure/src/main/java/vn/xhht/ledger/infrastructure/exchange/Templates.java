package vn.xhht.ledger.infrastructure.exchange;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.util.ArrayList;
import java.util.List;

/**
 * An import template: the first sheet holds the columns (field names in the first row) prefilled with the units
 * asked for and the year; the second ({@value #HELP_SHEET}) says in Vietnamese what each column takes, and carries
 * the template's kind and version in its first cell so that a file of another kind is recognised.
 */
final class Templates {

    static final String HELP_SHEET = "Hướng dẫn";

    record UnitLine(String id, String name) {
    }

    private Templates() {
    }

    static byte[] of(ImportKind kind, List<UnitLine> units, int year) {
        SXSSFWorkbook workbook = Spreadsheets.workbook();
        Sheet data = workbook.createSheet("Dữ liệu");
        List<String> names = kind.columns().stream().map(ImportKind.Column::name).toList();
        Spreadsheets.header(workbook, data, 0, names);
        int r = 1;
        for (UnitLine unit : units) {
            List<Object> values = new ArrayList<>();
            values.add(unit.id());
            values.add(unit.name());
            values.add(year);
            Spreadsheets.row(data, r++, values);
        }
        Sheet help = workbook.createSheet(HELP_SHEET);
        Spreadsheets.row(help, 0, List.of(kind.marker()));
        Spreadsheets.header(workbook, help, 1, List.of("Cột", "Bắt buộc", "Nội dung"));
        int h = 2;
        for (ImportKind.Column column : kind.columns()) {
            Spreadsheets.row(help, h++, List.of(column.name(), column.required() ? "có" : "không", column.help()));
        }
        Spreadsheets.row(help, h + 1, List.of("Không dùng công thức, không gộp ô; số ghi liền không dấu phân cách (1250)."));
        Spreadsheets.row(help, h + 2, List.of("Chạy thử (dryRun=true) để xem các thay đổi và lỗi trước khi ghi."));
        return Spreadsheets.bytes(workbook);
    }
}
