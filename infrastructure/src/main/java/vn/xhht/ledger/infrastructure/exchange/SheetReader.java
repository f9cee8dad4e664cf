package vn.xhht.ledger.infrastructure.exchange;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an uploaded {@code .xlsx} (first sheet) or UTF-8 {@code .csv} into rows of cells keyed by the header row's
 * field names. Whatever makes the file as a whole unreadable — not a spreadsheet, a zip bomb, too many rows, no header,
 * an unknown column — is refused with {@code INVALID_FILE} (or {@code UNSUPPORTED_MEDIA_TYPE}); what concerns single
 * cells (formulas, merged cells) is kept with the cell and reported per row by the import.
 */
final class SheetReader {

    /** The most data rows a file may hold. */
    static final int MAX_ROWS = 50_000;
    private static final byte[] ZIP = {'P', 'K', 3, 4};

    static {
        // an entry that inflates more than 100 times (or past 100 MB) is a zip bomb, not a spreadsheet
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(100L * 1024 * 1024);
    }

    /** One cell as read: its value (String, Double, LocalDate or Boolean; null when empty), or what is wrong with it. */
    record CellValue(Object value, String problem) {
        static final CellValue EMPTY = new CellValue(null, null);
    }

    record SheetRow(int number, Map<String, CellValue> cells) {
    }

    /** A file's data: its columns (the header row's names), its rows, and the template marker it carries if any. */
    record Table(List<String> columns, List<SheetRow> rows, String marker) {
    }

    private SheetReader() {
    }

    static Table read(byte[] content, String filename) {
        if (startsWith(content, ZIP)) {
            return readXlsx(content);
        }
        String name = filename == null ? "" : filename.toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".txt")) {
            return readCsv(content);
        }
        throw new DomainException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "file",
                                  "Tệp không phải bảng tính .xlsx hoặc .csv (UTF-8)");
    }

    private static Table readXlsx(byte[] content) {
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            if (workbook.getNumberOfSheets() == 0) {
                throw invalid("Bảng tính không có trang nào");
            }
            Sheet sheet = workbook.getSheetAt(0);
            if (sheet.getLastRowNum() > MAX_ROWS) {
                throw invalid("Tệp có hơn " + MAX_ROWS + " dòng; hãy chia thành nhiều tệp");
            }
            Set<String> merged = new HashSet<>();
            for (CellRangeAddress region : sheet.getMergedRegions()) {
                for (int r = region.getFirstRow(); r <= region.getLastRow(); r++) {
                    for (int c = region.getFirstColumn(); c <= region.getLastColumn(); c++) {
                        merged.add(r + ":" + c);
                    }
                }
            }
            Row header = sheet.getRow(sheet.getFirstRowNum());
            if (header == null) {
                throw invalid("Dòng đầu tiên phải là tên các cột");
            }
            List<String> columns = new ArrayList<>();
            for (int c = 0; c < header.getLastCellNum(); c++) {
                Cell cell = header.getCell(c);
                columns.add(cell == null || cell.getCellType() != CellType.STRING ? "" : cell.getStringCellValue().strip());
            }
            List<SheetRow> rows = new ArrayList<>();
            for (int r = header.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                Map<String, CellValue> cells = new LinkedHashMap<>();
                boolean any = false;
                for (int c = 0; c < columns.size(); c++) {
                    if (columns.get(c).isEmpty()) {
                        continue;
                    }
                    CellValue value = row == null ? CellValue.EMPTY : cell(row.getCell(c));
                    if (merged.contains(r + ":" + c)) {
                        value = new CellValue(value.value(), "MERGED_CELL");
                    }
                    any |= value.value() != null || value.problem() != null;
                    cells.put(columns.get(c), value);
                }
                if (any) {
                    rows.add(new SheetRow(r + 1, cells));
                }
            }
            String marker = null;
            Sheet help = workbook.getSheet(Templates.HELP_SHEET);
            if (help != null && help.getRow(0) != null && help.getRow(0).getCell(0) != null
                    && help.getRow(0).getCell(0).getCellType() == CellType.STRING) {
                marker = help.getRow(0).getCell(0).getStringCellValue();
            }
            return new Table(columns.stream().filter(c -> !c.isEmpty()).toList(), rows, marker);
        } catch (DomainException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // POI's refusals: a zip bomb (IOException "Zip bomb detected"), a broken or encrypted package, ...
            throw invalid("Không đọc được bảng tính: " + firstLine(e.getMessage()));
        }
    }

    private static CellValue cell(Cell cell) {
        if (cell == null) {
            return CellValue.EMPTY;
        }
        return switch (cell.getCellType()) {
            case BLANK -> CellValue.EMPTY;
            case STRING -> {
                String text = cell.getStringCellValue().strip();
                yield text.isEmpty() ? CellValue.EMPTY : new CellValue(text, null);
            }
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? new CellValue(cell.getLocalDateTimeCellValue().toLocalDate(), null)
                    : new CellValue(cell.getNumericCellValue(), null);
            case BOOLEAN -> new CellValue(cell.getBooleanCellValue(), null);
            case FORMULA -> new CellValue(null, "FORMULA_NOT_ALLOWED");
            default -> new CellValue(null, "INVALID_CELL");
        };
    }

    private static Table readCsv(byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                         .onUnmappableCharacter(CodingErrorAction.REPORT)
                                         .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("Tệp CSV phải được lưu bằng mã UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                                                 .setIgnoreEmptyLines(true).setTrim(true).get()
                                                 .parse(new StringReader(text))) {
            List<String> columns = parser.getHeaderNames().stream().map(String::strip).toList();
            List<SheetRow> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (rows.size() >= MAX_ROWS) {
                    throw invalid("Tệp có hơn " + MAX_ROWS + " dòng; hãy chia thành nhiều tệp");
                }
                Map<String, CellValue> cells = new LinkedHashMap<>();
                for (String column : columns) {
                    String value = record.isMapped(column) && record.isSet(column) ? record.get(column) : "";
                    // a cell a spreadsheet would run as a formula is refused here too
                    cells.put(column, value.isEmpty() ? CellValue.EMPTY
                            : value.startsWith("=") ? new CellValue(null, "FORMULA_NOT_ALLOWED") : new CellValue(value, null));
                }
                rows.add(new SheetRow((int) record.getRecordNumber() + 1, cells));
            }
            return new Table(columns, rows, null);
        } catch (DomainException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw invalid("Không đọc được tệp CSV: " + firstLine(e.getMessage()));
        }
    }

    static DomainException invalid(String message) {
        return new DomainException(ErrorCode.INVALID_FILE, "file", message);
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "tệp hỏng";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

}
