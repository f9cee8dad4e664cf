package vn.xhht.ledger.infrastructure.api;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Excel in and out as a district's officer uses it: the template with the district's units, 300 baselines of which
 * two are wrong (the dry run says which, nothing is stored), the fixed file applied once and then again (nothing new),
 * bad files refused; the indicator table, who has reported and the annual report exported, the report's PDF read back.
 */
class ImportExportApiTest extends ApiTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private WebTestClient.ResponseSpec upload(String user, String kind, boolean dryRun, byte[] content, String filename) {
        return upload(user, kind, dryRun, content, filename, null);
    }

    private WebTestClient.ResponseSpec upload(String user, String kind, boolean dryRun, byte[] content, String filename,
                                              String idempotencyKey) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return filename;
            }
        }).contentType(MediaType.APPLICATION_OCTET_STREAM);
        return as(user).post().uri("/imports/{kind}?dryRun={d}", kind, dryRun)
                       .headers(h -> {
                           if (idempotencyKey != null) {
                               h.set("Idempotency-Key", idempotencyKey);
                           }
                       })
                       .contentType(MediaType.MULTIPART_FORM_DATA)
                       .body(BodyInserters.fromMultipartData(body.build())).exchange();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> report(WebTestClient.ResponseSpec response, int status) {
        var result = response.expectBody(Map.class).returnResult();
        assertThat(result.getStatus().value()).as("%s", result.getResponseBody()).isEqualTo(status);
        return result.getResponseBody();
    }

    private byte[] download(String user, String uri, String contentType) {
        return as(user).get().uri(uri).exchange().expectStatus().isOk()
                       .expectHeader().contentType(contentType)
                       .expectHeader().value("Content-Disposition", v -> assertThat(v).contains("attachment"))
                       .expectBody(byte[].class).returnResult().getResponseBody();
    }

    private static Workbook workbook(byte[] bytes) throws Exception {
        return new XSSFWorkbook(new ByteArrayInputStream(bytes));
    }

    private static byte[] bytes(Workbook workbook) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.write(out);
        workbook.close();
        return out.toByteArray();
    }

    private static String text(Row row, int column) {
        return row.getCell(column) == null ? null : row.getCell(column).toString();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDistrictImportsThreeHundredBaselinesAfterADryRunShowsItsTwoBadRows() throws Exception {
        String province = fresh("tinh");
        String district = fresh("huyen");
        register(province, "PROVINCE", null, "2020-01-01");
        register(district, "DISTRICT", province, "2020-01-01");
        List<String> communes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String commune = fresh("xa" + i);
            register(commune, "COMMUNE", district, "2020-01-01");
            communes.add(commune);
        }

        // the template: the district and its communes, the columns named as the JSON body, help in Vietnamese
        byte[] template = download("planner", "/imports/templates/baselines?unitId=" + district + "&year=2024", XLSX);
        List<String> prefilled = new ArrayList<>();
        try (Workbook book = workbook(template)) {
            Sheet data = book.getSheetAt(0);
            assertThat(text(data.getRow(0), 0)).isEqualTo("unitId");
            assertThat(text(data.getRow(0), 3)).isEqualTo("households");
            for (int r = 1; r <= data.getLastRowNum(); r++) {
                prefilled.add(text(data.getRow(r), 0));
            }
            assertThat(book.getSheet("Hướng dẫn").getRow(0).getCell(0).getStringCellValue())
                    .isEqualTo("xhht-import:baselines:v1");
        }
        assertThat(prefilled).hasSize(11).contains(district).containsAll(communes);

        // 300 rows: each commune for the thirty years 2021-2050; row 12 has a number written with a thousands dot
        // and row 250 names a unit that does not exist
        byte[] bad = baselines(template, communes, true);
        Map<String, Object> dryRun = report(upload("planner", "baselines", true, bad, "so-lieu.xlsx"), 200);
        assertThat(dryRun).containsEntry("valid", false).containsEntry("rows", 300).containsEntry("applied", 0);
        List<Map<String, Object>> errors = (List<Map<String, Object>>) dryRun.get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).containsEntry("row", 12).containsEntry("column", "households")
                                 .containsEntry("code", "INVALID_NUMBER");
        assertThat((String) errors.get(0).get("message")).contains("1.234").contains("1234");
        assertThat(errors.get(1)).containsEntry("row", 250).containsEntry("column", "unitId");
        as("auditor").get().uri("/units/{u}/baselines/2021", communes.get(0)).exchange().expectStatus().isNotFound();

        // applying the bad file stores nothing either
        Map<String, Object> refused = report(upload("planner", "baselines", false, bad, "so-lieu.xlsx"), 422);
        assertThat(refused).containsEntry("code", "IMPORT_ROWS_INVALID").containsEntry("applied", 0);
        as("auditor").get().uri("/units/{u}/baselines/2021", communes.get(0)).exchange().expectStatus().isNotFound();

        // the fixed file: 300 rows stored, each attributed to the file and its row
        byte[] good = baselines(template, communes, false);
        Map<String, Object> applied = report(upload("planner", "baselines", false, good, "so-lieu.xlsx"), 200);
        assertThat(applied).containsEntry("valid", true).containsEntry("applied", 300).containsEntry("unchanged", 0);
        String sha = (String) applied.get("fileSha256");
        as("auditor").get().uri("/units/{u}/baselines/2022", communes.get(0)).exchange().expectStatus().isOk()
                     .expectBody().jsonPath("$.households").isEqualTo(1002).jsonPath("$.citizens").isEqualTo(4002);
        String history = as("auditor").get().uri("/units/{u}/history", communes.get(0)).exchange().expectStatus().isOk()
                                      .expectBody(String.class).returnResult().getResponseBody();
        assertThat(history).contains("nhập từ tệp " + sha.substring(0, 8) + "… dòng 3").contains("\"importedFrom\"");

        // the same file again stores nothing
        Map<String, Object> again = report(upload("planner", "baselines", false, good, "so-lieu.xlsx"), 200);
        assertThat(again).containsEntry("applied", 0).containsEntry("unchanged", 300);
        assertThat(eventDatabase.getCollection("events").countDocuments(
                new org.bson.Document("events.m.importFile", sha))).as("commits of the file").isEqualTo(300);

        // CSV in UTF-8 works the same way
        String csv = "unitId,year,households,citizens\n" + communes.get(0) + ",2051,77,99\n";
        assertThat(report(upload("planner", "baselines", false, csv.getBytes(StandardCharsets.UTF_8), "a.csv"), 200))
                .containsEntry("applied", 1);
        // a client that accepts an event stream follows the import's progress, then gets the result
        StringBuilder many = new StringBuilder("unitId,year,households\n");
        for (String commune : communes) {
            for (int year = 2052; year < 2077; year++) {
                many.append(commune).append(',').append(year).append(",7\n");
            }
        }
        MultipartBodyBuilder streamed = new MultipartBodyBuilder();
        streamed.part("file", new ByteArrayResource(many.toString().getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "nhieu.csv";
            }
        });
        String events = as("planner").post().uri("/imports/baselines?dryRun=false")
                                     .accept(MediaType.TEXT_EVENT_STREAM).contentType(MediaType.MULTIPART_FORM_DATA)
                                     .body(BodyInserters.fromMultipartData(streamed.build())).exchange()
                                     .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                                     .expectBody(String.class).returnResult().getResponseBody();
        assertThat(events).contains("event:progress").contains("\"done\":126").contains("\"total\":250")
                          .contains("event:result").contains("\"applied\":250");
        // with an Idempotency-Key (as the browser sends), a repeat answers the first answer again
        String once = "unitId,year,households\n" + communes.get(1) + ",2051,5\n";
        String key = "import-" + sha.substring(0, 12);
        Map<String, Object> first = report(upload("planner", "baselines", false, once.getBytes(StandardCharsets.UTF_8), "b.csv", key), 200);
        assertThat(first).containsEntry("applied", 1);
        assertThat(report(upload("planner", "baselines", false, once.getBytes(StandardCharsets.UTF_8), "b.csv", key), 200))
                .isEqualTo(first);
        // a viewer may not import, and a planner of another subtree may not write there
        upload("viewer", "baselines", true, good, "so-lieu.xlsx").expectStatus().isForbidden();
    }

    /** The template filled: each commune for 2021-2050 (300 rows); with mistakes in rows 12 and 250 when asked. */
    private static byte[] baselines(byte[] template, List<String> communes, boolean mistakes) throws Exception {
        try (Workbook book = workbook(template)) {
            Sheet data = book.getSheetAt(0);
            for (int r = data.getLastRowNum(); r >= 1; r--) {
                data.removeRow(data.getRow(r));
            }
            int r = 1;
            for (String commune : communes) {
                for (int year = 2021; year <= 2050; year++) {
                    Row row = data.createRow(r++);
                    row.createCell(0).setCellValue(commune);
                    row.createCell(2).setCellValue(year);
                    row.createCell(3).setCellValue(1000 + year - 2020);
                    row.createCell(7).setCellValue(4000 + year - 2020);
                }
            }
            if (mistakes) {
                data.getRow(11).getCell(3).setCellValue("1.234");
                data.getRow(249).getCell(0).setCellValue("xa-khong-co");
            }
            return bytes(book);
        }
    }

    @Test
    void badFilesAreRefusedWithAClearProblemAndStoreNothing() throws Exception {
        String[] units = provinceDistrictCommune();
        String district = units[1];
        // the dry run already says what the aggregates would refuse: a closed year, a unit that did not exist yet
        String plan = createIssued(district);
        as("planner").post().uri("/plans/{id}/close", plan).bodyValue(Map.of("reason", "Chốt số liệu năm 2023"))
                     .exchange().expectStatus().isOk();
        String rules = "unitId,year,households\n" + units[2] + ",2023,10\n" + units[2] + ",2019,10\n" + units[2] + ",2024,10\n";
        upload("planner", "baselines", true, rules.getBytes(StandardCharsets.UTF_8), "a.csv").expectStatus().isOk()
                .expectBody().jsonPath("$.valid").isEqualTo(false)
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[0].row").isEqualTo(2).jsonPath("$.errors[0].code").isEqualTo("PERIOD_CLOSED")
                .jsonPath("$.errors[1].row").isEqualTo(3).jsonPath("$.errors[1].code").isEqualTo("UNKNOWN_UNIT")
                .jsonPath("$.changes.length()").isEqualTo(1);
        byte[] template = download("planner", "/imports/templates/baselines?unitId=" + district, XLSX);
        // not a spreadsheet
        upload("planner", "baselines", true, "xin chào".getBytes(StandardCharsets.UTF_8), "a.xlsx")
                .expectStatus().isEqualTo(415).expectBody().jsonPath("$.code").isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        // a CSV not in UTF-8
        upload("planner", "baselines", true, new byte[]{'u', 'n', 'i', 't', 'I', 'd', '\n', (byte) 0xC3, (byte) 0x28}, "a.csv")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("INVALID_FILE");
        // a template of another kind
        byte[] batches = download("recognizer", "/imports/templates/recognition-batches?unitId=" + district, XLSX);
        upload("planner", "baselines", true, batches, "dot.xlsx").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("INVALID_FILE")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("recognition-batches"));
        // a zip bomb dressed as a workbook
        upload("planner", "baselines", true, zipBomb(), "bom.xlsx").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("INVALID_FILE");
        // larger than 10 MB
        byte[] huge = new byte[11 * 1024 * 1024];
        huge[0] = 'P';
        huge[1] = 'K';
        upload("planner", "baselines", true, huge, "lon.xlsx").expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.code").isEqualTo("FILE_TOO_LARGE");
        // a formula and merged cells are row errors
        try (Workbook book = workbook(template)) {
            Sheet data = book.getSheetAt(0);
            data.getRow(1).createCell(3).setCellFormula("1+1");
            Row second = data.createRow(5);
            second.createCell(0).setCellValue(district);
            second.createCell(2).setCellValue(2023);
            data.createRow(6).createCell(2).setCellValue(2024);
            data.addMergedRegion(new CellRangeAddress(5, 6, 0, 0));
            byte[] file = bytes(book);
            upload("planner", "baselines", true, file, "x.xlsx").expectStatus().isOk().expectBody()
                    .jsonPath("$.valid").isEqualTo(false)
                    .jsonPath("$.errors[0].code").isEqualTo("FORMULA_NOT_ALLOWED")
                    .jsonPath("$.errors[0].row").isEqualTo(2)
                    .jsonPath("$.errors[?(@.code == 'MERGED_CELL')]").exists();
        }
        // a date written as text in the Vietnamese way is a row error naming the cell
        try (Workbook book = workbook(batches)) {
            Sheet data = book.getSheetAt(0);
            Row row = data.getRow(1);
            row.createCell(3).setCellValue("GIA_DINH_HOC_TAP");
            row.createCell(4).setCellValue(120);
            row.createCell(5).setCellValue("98/QĐ-UBND");
            row.createCell(6).setCellValue("10/12/2023");
            upload("recognizer", "recognition-batches", true, bytes(book), "dot.xlsx").expectStatus().isOk().expectBody()
                    .jsonPath("$.errors[0].column").isEqualTo("decidedOn")
                    .jsonPath("$.errors[0].code").isEqualTo("INVALID_DATE");
        }
    }

    private static byte[] zipBomb() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 200; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theIndicatorTableWhoReportedAndTheAnnualReportExportAsTheViewsStood() throws Exception {
        String[] units = provinceDistrictCommune();
        String district = units[1];
        String commune = units[2];
        int year = java.time.LocalDate.now().getYear();
        String location = as("planner").post().uri("/plans").bodyValue(Map.of(
                "issuerUnitId", district, "number", "12/KH-UBND", "title", "Kế hoạch xây dựng xã hội học tập",
                "issuedOn", year + "-01-15", "period", Map.of("from", year + "-01-01", "to", year + "-12-31"),
                "targets", List.of(Map.of("indicator", "HOUSEHOLDS_TITLED", "target", 0.6)),
                "tasks", List.of(Map.of("content", "Tuyên truyền về học tập suốt đời", "timeframe", "Quý I")),
                "deadlines", List.of(Map.of("what", "Báo cáo năm", "due", year + "-12-31")))).exchange()
                                       .expectStatus().isCreated().returnResult(Map.class).getResponseHeaders()
                                       .getLocation().getPath();
        String planId = location.substring(location.lastIndexOf('/') + 1);
        Map<String, Object> issued = as("planner").post().uri("/plans/{id}/issue", planId).exchange().expectStatus().isOk()
                                                  .expectBody(Map.class).returnResult().getResponseBody();
        String taskId = (String) ((List<Map<String, Object>>) issued.get("tasks")).get(0).get("taskId");
        String obligation = awaitObligation(planId);
        as("planner").post().uri("/obligations/{id}/reports", obligation).bodyValue(Map.of(
                "figures", List.of(Map.of("indicator", "HOUSEHOLDS_TITLED", "numerator", 420, "denominator", 700)),
                "tasks", List.of(Map.of("taskId", taskId, "progress", "IN_PROGRESS", "percent", 50)),
                "difficulties", "=HYPERLINK(\"http://x\") thiếu kinh phí", "proposals", "Đề nghị hỗ trợ kinh phí"))
                     .exchange().expectStatus().isCreated();

        byte[] table = download("auditor", "/exports/indicators?unitId=" + district + "&year=" + year, XLSX);
        try (Workbook book = workbook(table)) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(text(sheet.getRow(1), 0)).isEqualTo("unitId");
            List<String> unitsListed = new ArrayList<>();
            for (int r = 2; r <= sheet.getLastRowNum(); r++) {
                unitsListed.add(text(sheet.getRow(r), 0));
            }
            assertThat(unitsListed).contains(district, commune);
        }

        byte[] reported = download("auditor", "/plans/" + planId + "/obligations?format=xlsx", XLSX);
        try (Workbook book = workbook(reported)) {
            Row row = book.getSheetAt(0).getRow(2);
            assertThat(text(row, 0)).isEqualTo(commune);
            assertThat(text(row, 5)).isEqualTo("Đúng hạn");
        }

        byte[] xlsx = download("auditor", "/plans/" + planId + "/annual-report?format=xlsx", XLSX);
        try (Workbook book = workbook(xlsx)) {
            assertThat(book.getSheet("Tình hình báo cáo").getRow(2).getCell(3).getNumericCellValue()).isEqualTo(1.0);
            // a cell a spreadsheet would run as a formula stays text
            assertThat(book.getSheet("Khó khăn, đề xuất").getRow(2).getCell(1).getStringCellValue())
                    .startsWith("'=HYPERLINK");
        }

        byte[] pdf = download("auditor", "/plans/" + planId + "/annual-report?format=pdf", "application/pdf");
        java.nio.file.Files.write(java.nio.file.Path.of("target", "bao-cao-ket-qua-mau.pdf"), pdf); // to look at
        String text;
        try (PdfReader reader = new PdfReader(pdf)) {
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            StringBuilder all = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                all.append(extractor.getTextFromPage(page)).append('\n');
            }
            text = all.toString();
        }
        assertThat(text).contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").contains("Độc lập - Tự do - Hạnh phúc")
                        .contains("BÁO CÁO").contains("Kết quả thực hiện Kế hoạch số 12/KH-UBND")
                        .contains("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU").contains("TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ")
                        .contains("Tuyên truyền về học tập suốt đời").contains("1 đúng hạn");

        // as the service knew it before the report came, nobody had reported
        as("auditor").get().uri("/plans/{id}/annual-report?format=xlsx&asOf=2000-01-01T00:00:00Z", planId).exchange()
                     .expectStatus().isNotFound();
        as("auditor").get().uri("/plans/{id}/annual-report?format=doc", planId).exchange().expectStatus().isBadRequest();
    }

    @SuppressWarnings("unchecked")
    private String awaitObligation(String planId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> items = (List<Map<String, Object>>) as("auditor").get()
                    .uri("/plans/{id}/obligations", planId).exchange().expectBody(Map.class).returnResult()
                    .getResponseBody().get("items");
            if (items != null && !items.isEmpty()) {
                return (String) items.get(0).get("id");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("no obligation for plan " + planId);
    }
}
