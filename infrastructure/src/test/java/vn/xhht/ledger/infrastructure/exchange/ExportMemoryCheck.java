package vn.xhht.ledger.infrastructure.exchange;

import vn.xhht.ledger.domain.indicator.IndicatorCatalogue.Names;
import vn.xhht.ledger.domain.indicator.IndicatorMessages;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.IndicatorRow;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.IndicatorTable;
import vn.xhht.ledger.domain.unit.UnitKind;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitView;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Run by the indicator benchmark in a JVM of {@code -Xmx256m}: the indicator export of {@code args[0]} units (each
 * with the catalogue's ten indicators) built as the service builds it, tables and workbook held as the service holds
 * them. Prints the time, the workbook's size and the heap in use at the end; exits 1 on OutOfMemoryError.
 */
public final class ExportMemoryCheck {

    private ExportMemoryCheck() {
    }

    public static void main(String[] args) {
        int units = Integer.parseInt(args[0]);
        try {
            long start = System.nanoTime();
            List<Map.Entry<UnitView, IndicatorTable>> tables = new ArrayList<>(units);
            String[] codes = {"HOUSEHOLDS_TITLED", "CLANS_TITLED", "VILLAGES_TITLED", "ORGANISATIONS_TITLED", "CITIZENS_TITLED",
                              "COMMUNES_TITLED", "INFO_LITERACY", "LIFE_SKILLS", "SCHOOLS_TITLED", "AGENCIES_TITLED"};
            for (int u = 0; u < units; u++) {
                List<IndicatorRow> rows = new ArrayList<>();
                for (String code : codes) {
                    rows.add(new IndicatorRow(code, new Names("Tỷ lệ " + code.toLowerCase(Locale.ROOT), code), new BigDecimal("0.6"),
                                              "plan-" + u, "tinh", 600 + u, 1000 + u, new BigDecimal("0.6"),
                                              IndicatorMessages.Status.MET, Instant.now()));
                }
                UnitView unit = new UnitView("x-" + u, "Xã số " + u, UnitKind.COMMUNE, "tinh", LocalDate.of(2020, 1, 1),
                                             null, null, 1);
                tables.add(Map.entry(unit, new IndicatorTable(unit.id(), 2023, null, rows)));
            }
            byte[] workbook = ExportController.indicatorWorkbook(tables, 2023, LocalDate.of(2023, 12, 31), null);
            Runtime runtime = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "completed in %.1f s, %,d KB, heap in use at the end %,d MiB of %,d MiB",
                              (System.nanoTime() - start) / 1e9, workbook.length / 1024,
                              (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20);
        } catch (OutOfMemoryError e) {
            System.out.println("OutOfMemoryError");
            System.exit(1);
        }
    }
}
