package vn.xhht.ledger.query.indicator;

import vn.xhht.ledger.query.support.RecordTime;
import org.bson.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * A unit as the indicator view needs it: its kind, and its parent over valid time — each line recorded with the
 * instant it became known, so the hierarchy can also be read as the service knew it at a past instant. Lines are
 * never removed: a later correction of the same day wins from the instant it was recorded.
 */
final class UnitLine {

    record Line(LocalDate from, String parent, Instant at) {
    }

    final String unitId;
    final String kind;
    final LocalDate registeredFrom;
    LocalDate mergedFrom;
    final List<Line> lines = new ArrayList<>();
    /** Years for which the unit has figures. */
    final TreeSet<Integer> years = new TreeSet<>();

    UnitLine(String unitId, String kind, LocalDate registeredFrom) {
        this.unitId = unitId;
        this.kind = kind;
        this.registeredFrom = registeredFrom;
    }

    static LocalDate yearEnd(int year) {
        return LocalDate.of(year, 12, 31);
    }

    void addLine(LocalDate from, String parent, Instant at) {
        lines.add(new Line(from, parent, at));
    }

    /**
     * The parent on {@code date} as known at {@code asOf} (null: now). Before the unit's first line, the parent it
     * was registered under.
     */
    String parentOn(LocalDate date, Instant asOf) {
        Line best = null;
        Line first = null;
        for (Line line : lines) {
            if (asOf != null && line.at().isAfter(asOf)) {
                continue;
            }
            if (first == null || line.from().isBefore(first.from())) {
                first = line;
            }
            if (!line.from().isAfter(date) && (best == null || !line.from().isBefore(best.from()))) {
                best = line;
            }
        }
        Line chosen = best != null ? best : first;
        return chosen == null ? null : chosen.parent();
    }

    /** Whether the unit stands on its own on {@code date}: registered, and not merged into another. */
    boolean standsOn(LocalDate date) {
        return !registeredFrom.isAfter(date) && (mergedFrom == null || mergedFrom.isAfter(date));
    }

    Document toDocument() {
        List<Document> docs = new ArrayList<>();
        for (Line line : lines) {
            docs.add(RecordTime.put(new Document("from", line.from().toString()).append("parent", line.parent()),
                                    "at", line.at()));
        }
        return new Document("_id", unitId).append("kind", kind).append("registeredFrom", registeredFrom.toString())
                                          .append("mergedFrom", mergedFrom == null ? null : mergedFrom.toString())
                                          .append("lines", docs).append("years", new ArrayList<>(years));
    }

    static UnitLine fromDocument(Document document) {
        UnitLine unit = new UnitLine(document.getString("_id"), document.getString("kind"),
                                     LocalDate.parse(document.getString("registeredFrom")));
        String merged = document.getString("mergedFrom");
        unit.mergedFrom = merged == null ? null : LocalDate.parse(merged);
        for (Document line : document.getList("lines", Document.class)) {
            unit.addLine(LocalDate.parse(line.getString("from")), line.getString("parent"),
                         RecordTime.get(line, "at"));
        }
        for (Object year : document.getList("years", Object.class)) {
            unit.years.add(((Number) year).intValue());
        }
        unit.lines.sort(Comparator.comparing(Line::from));
        return unit;
    }
}
