package vn.xhht.ledger.infrastructure.exchange;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.util.List;

/** The annual report as a workbook: one sheet per part, the same headings as the PDF. */
final class AnnualReportXlsx {

    private AnnualReportXlsx() {
    }

    static byte[] render(AnnualReport report) {
        SXSSFWorkbook workbook = Spreadsheets.workbook();
        Sheet summary = workbook.createSheet("Báo cáo");
        Spreadsheets.row(summary, 0, List.of(report.issuerName()));
        Spreadsheets.row(summary, 1, List.of("BÁO CÁO Kết quả thực hiện Kế hoạch số " + report.plan().number()));
        Spreadsheets.row(summary, 2, List.of(report.plan().title()));
        Spreadsheets.row(summary, 3, List.of(report.issuerName() + ", " + AnnualReport.longDate(report.dated())));
        Spreadsheets.row(summary, 5, List.of("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM " + report.year()));
        Spreadsheets.header(workbook, summary, 6, List.of("Chỉ số", "Chỉ tiêu", "Kế hoạch", "Tử số", "Mẫu số", "Tỷ lệ", "Đánh giá"));
        int r = 7;
        for (AnnualReport.TargetResult t : report.targets()) {
            Spreadsheets.row(summary, r++, java.util.Arrays.asList(t.indicator(), t.name(), t.target(), t.numerator(),
                                                                   t.denominator(), t.value(), AnnualReport.statusVi(t.status())));
        }
        Sheet tasks = workbook.createSheet("Nhiệm vụ");
        Spreadsheets.row(tasks, 0, List.of("II. TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ"));
        Spreadsheets.header(workbook, tasks, 1, List.of("Nhiệm vụ", "Chủ trì", "Thời gian", "Đơn vị báo cáo",
                                                        "Đơn vị hoàn thành", "Tiến độ bình quân (%)"));
        r = 2;
        for (AnnualReport.TaskLine t : report.tasks()) {
            Spreadsheets.row(tasks, r++, List.of(t.content(), t.lead(), t.timeframe(), t.units(), t.done(), t.averagePercent()));
        }
        Sheet deadlines = workbook.createSheet("Tình hình báo cáo");
        Spreadsheets.row(deadlines, 0, List.of("III. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ"));
        Spreadsheets.header(workbook, deadlines, 1, List.of("Báo cáo", "Hạn", "Phải báo cáo", "Đúng hạn", "Trễ hạn",
                                                            "Chưa báo cáo", "Đơn vị trễ hạn", "Đơn vị chưa báo cáo"));
        r = 2;
        for (AnnualReport.DeadlineLine d : report.deadlines()) {
            Spreadsheets.row(deadlines, r++, List.of(d.what(), d.due(), d.asked(), d.onTime().size(), d.late().size(),
                                                     d.missing().size(), String.join(", ", d.late()),
                                                     String.join(", ", d.missing())));
        }
        Sheet voices = workbook.createSheet("Khó khăn, đề xuất");
        Spreadsheets.row(voices, 0, List.of("IV. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ"));
        Spreadsheets.header(workbook, voices, 1, List.of("Đơn vị", "Khó khăn, vướng mắc", "Đề xuất, kiến nghị"));
        r = 2;
        for (AnnualReport.Voice v : report.voices()) {
            Spreadsheets.row(voices, r++, List.of(v.unit(), v.difficulties(), v.proposals()));
        }
        return Spreadsheets.bytes(workbook);
    }
}
