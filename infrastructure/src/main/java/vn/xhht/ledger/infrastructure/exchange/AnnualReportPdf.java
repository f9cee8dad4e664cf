package vn.xhht.ledger.infrastructure.exchange;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import com.lowagie.text.Rectangle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The annual report as a Vietnamese administrative document (the layout of Nghị định 30/2020/NĐ-CP): the issuing body
 * and the document's number on the left, the national title (quốc hiệu) and motto (tiêu ngữ) on the right, place and
 * date in italics, the document's name and subject centred, the body, then recipients and signature. DejaVu Serif
 * (free licence, in {@code fonts/}) is embedded so that every Vietnamese letter renders.
 */
final class AnnualReportPdf {

    private static final BaseFont REGULAR = font("fonts/DejaVuSerif.ttf");
    private static final BaseFont BOLD = font("fonts/DejaVuSerif-Bold.ttf");
    /** For the national title, which must hold on one line of the right-hand column. */
    private static final BaseFont CONDENSED_BOLD = font("fonts/DejaVuSerifCondensed-Bold.ttf");

    private AnnualReportPdf() {
    }

    private static BaseFont font(String resource) {
        try (InputStream in = AnnualReportPdf.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Font " + resource + " is missing from the classpath");
            }
            byte[] bytes = in.readAllBytes();
            return BaseFont.createFont(resource, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, bytes, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] render(AnnualReport report) {
        Font normal = new Font(REGULAR, 12);
        Font small = new Font(REGULAR, 10);
        Font bold = new Font(BOLD, 12);
        Font boldSmall = new Font(BOLD, 10);
        Font italic = new Font(REGULAR, 12, Font.ITALIC);
        Font title = new Font(BOLD, 14);
        Font national = new Font(CONDENSED_BOLD, 12);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // A4, margins 20-25 mm top/bottom, 30-35 mm left, 15-20 mm right (ND 30/2020, Phụ lục I)
        Document document = new Document(PageSize.A4, mm(30), mm(15), mm(20), mm(20));
        PdfWriter.getInstance(document, out);
        document.addTitle("Báo cáo kết quả thực hiện kế hoạch " + report.plan().number());
        document.open();

        PdfPTable head = new PdfPTable(new float[]{38, 62});
        head.setWidthPercentage(100);
        head.addCell(cell(List.of(new Phrase(report.issuerName().toUpperCase(java.util.Locale.ROOT), bold),
                                  new Phrase("\nSố:        /BC-" + abbreviation(report.plan().number()), normal)),
                          Element.ALIGN_CENTER));
        head.addCell(cell(List.of(new Phrase("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", national),
                                  new Phrase("\n", normal), new Phrase(new Chunk("Độc lập - Tự do - Hạnh phúc", national).setUnderline(0.8f, -2f)),
                                  new Phrase("\n\n" + place(report.issuerName()) + ", " + AnnualReport.longDate(report.dated()), italic)),
                          Element.ALIGN_CENTER));
        document.add(head);

        Paragraph name = new Paragraph("\nBÁO CÁO", title);
        name.setAlignment(Element.ALIGN_CENTER);
        document.add(name);
        Paragraph subject = new Paragraph("Kết quả thực hiện Kế hoạch số " + report.plan().number() + " ngày "
                                                  + AnnualReport.longDate(report.plan().issuedOn()).substring(5) + "\n"
                                                  + report.plan().title(), bold);
        subject.setAlignment(Element.ALIGN_CENTER);
        document.add(subject);
        if (report.asOf() != null) {
            Paragraph asOf = new Paragraph("(số liệu theo hồ sơ lúc " + report.asOf() + ")", italic);
            asOf.setAlignment(Element.ALIGN_CENTER);
            document.add(asOf);
        }

        document.add(section("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM " + report.year(), bold));
        PdfPTable targets = table(new float[]{34, 14, 26, 14, 12}, boldSmall,
                                  "Chỉ tiêu", "Kế hoạch", "Thực hiện (tử số/mẫu số)", "Tỷ lệ", "Đánh giá");
        for (AnnualReport.TargetResult t : report.targets()) {
            row(targets, small, t.name(), t.targetPercent(), t.numerator() + "/" + t.denominator(), t.valuePercent(),
                AnnualReport.statusVi(t.status()));
        }
        document.add(targets);

        document.add(section("II. TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ", bold));
        PdfPTable tasks = table(new float[]{40, 18, 14, 14, 14}, boldSmall,
                                "Nhiệm vụ", "Chủ trì", "Thời gian", "Đơn vị hoàn thành", "Tiến độ bình quân");
        for (AnnualReport.TaskLine t : report.tasks()) {
            row(tasks, small, t.content(), t.lead(), t.timeframe(), t.done() + "/" + t.units(), t.averagePercent() + " %");
        }
        document.add(tasks);

        document.add(section("III. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ", bold));
        for (AnnualReport.DeadlineLine d : report.deadlines()) {
            document.add(new Paragraph(d.what() + " (hạn " + d.due() + "): " + d.asked() + " đơn vị phải báo cáo; "
                                               + d.onTime().size() + " đúng hạn, " + d.late().size() + " trễ hạn, "
                                               + d.missing().size() + " chưa báo cáo.", normal));
            if (!d.late().isEmpty()) {
                document.add(new Paragraph("  - Trễ hạn: " + String.join(", ", d.late()), normal));
            }
            if (!d.missing().isEmpty()) {
                document.add(new Paragraph("  - Chưa báo cáo: " + String.join(", ", d.missing()), normal));
            }
        }

        document.add(section("IV. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ", bold));
        if (report.voices().isEmpty()) {
            document.add(new Paragraph("Các đơn vị không nêu khó khăn, đề xuất.", normal));
        }
        for (AnnualReport.Voice v : report.voices()) {
            document.add(new Paragraph(v.unit() + ": " + v.difficulties()
                                               + (v.proposals().isEmpty() ? "" : " Đề xuất: " + v.proposals()), normal));
        }

        PdfPTable foot = new PdfPTable(new float[]{50, 50});
        foot.setWidthPercentage(100);
        foot.setSpacingBefore(18);
        foot.addCell(cell(List.of(new Phrase("Nơi nhận:\n", boldSmall), new Phrase("- Như trên;\n- Lưu: VT.", small)),
                          Element.ALIGN_LEFT));
        foot.addCell(cell(List.of(new Phrase("TM. " + report.issuerName().toUpperCase(java.util.Locale.ROOT), bold),
                                  new Phrase("\n(Ký, ghi rõ họ tên)", italic)), Element.ALIGN_CENTER));
        document.add(foot);
        document.close();
        return out.toByteArray();
    }

    private static float mm(int millimetres) {
        return millimetres * 72f / 25.4f;
    }

    private static Paragraph section(String text, Font font) {
        Paragraph paragraph = new Paragraph(text, font);
        paragraph.setSpacingBefore(10);
        paragraph.setSpacingAfter(4);
        return paragraph;
    }

    private static PdfPCell cell(List<Phrase> phrases, int alignment) {
        Paragraph paragraph = new Paragraph();
        phrases.forEach(paragraph::add);
        paragraph.setAlignment(alignment);
        PdfPCell cell = new PdfPCell();
        cell.addElement(paragraph);
        cell.setBorder(Rectangle.NO_BORDER);
        return cell;
    }

    private static PdfPTable table(float[] widths, Font font, String... headers) {
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (String header : headers) {
            PdfPCell cell = new PdfPCell(new Phrase(header, font));
            cell.setHorizontalAlignment(Element.ALIGN_CENTER);
            cell.setLeading(0, 1.25f);
            cell.setPaddingBottom(4);
            table.addCell(cell);
        }
        return table;
    }

    private static void row(PdfPTable table, Font font, String... values) {
        for (String value : values) {
            PdfPCell cell = new PdfPCell(new Phrase(value == null ? "" : value, font));
            cell.setLeading(0, 1.25f);
            cell.setPaddingBottom(4);
            table.addCell(cell);
        }
    }

    private static final java.util.regex.Pattern KIND_WORDS = java.util.regex.Pattern.compile(
            "^(Ủy ban nhân dân|UBND|Thành phố|Tỉnh|Huyện|Quận|Thị xã|Thị trấn|Xã|Phường|Đơn vị)\\s+",
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);

    /** The place a document is dated at (địa danh): the issuer's name without its administrative kind. */
    static String place(String issuerName) {
        String place = issuerName;
        for (int i = 0; i < 3; i++) {
            place = KIND_WORDS.matcher(place).replaceFirst("");
        }
        return place.isBlank() ? issuerName : place;
    }

    /** "163/KH-UBND" → "UBND": the issuing body's part of the plan's number. */
    private static String abbreviation(String number) {
        int dash = number.lastIndexOf('-');
        return dash < 0 ? "" : number.substring(dash + 1);
    }
}
