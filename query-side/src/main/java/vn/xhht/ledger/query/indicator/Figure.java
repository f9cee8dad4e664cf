package vn.xhht.ledger.query.indicator;

import vn.xhht.ledger.query.support.Packed;
import vn.xhht.ledger.query.support.RecordTime;
import org.bson.Document;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The figures of one unit for one year: per quantity (title holders, baselines, unit counts, reported values) the
 * unit's own value and the sum of its children's effective values as the hierarchy stood at the year's end. The
 * effective value is own + children for additive quantities, own (when given) else children for the others.
 *
 * <p>Every event that changes the figures makes a new version, stamped with the event's record time, for reads as of
 * an instant. A version is kept as what it changed — {@code {v, at, c: [key, own, kids, ...]}}, usually one quantity —
 * not as a copy of every quantity: a province's figures change with every village's batch, so a million events make
 * millions of versions. Versions are kept in pages of {@value #PAGE} with the figures as they stood before the page
 * ({@code base}): the page being filled in the figures' own document ({@code open}), full pages in
 * {@code indicator_figure_versions} under {@code unitId|year|page} ({@link #pageId}), both stored as one binary value
 * holding the base and the versions one after another ({@link Packed#encode}): the database copies a page as bytes
 * instead of walking its versions, and a version is encoded once, when made. The quantities and titles held are packed
 * too ({@code f}): nothing but this view reads them. The figures as of an instant are
 * one page's base plus its versions up to that instant ({@link #asOf}).
 */
final class Figure {

    /** Versions per page. */
    static final int PAGE = 64;

    /** One quantity: the unit's own value (null: not given) and the children's sum. */
    static final class Quantity {
        Long own;
        long kids;
    }

    final String unitId;
    final int year;
    long version;
    Instant at;
    final Map<String, Quantity> quantities = new TreeMap<>();
    /** Valid individual recognitions of this unit per title (a unit holding a title counts once). */
    final Map<String, Integer> held = new TreeMap<>();
    /** Quantities changed by the event being handled: its version records them. */
    private final Set<String> changed = new TreeSet<>();
    /**
     * The page being filled, as stored: the quantities before its first version (empty for the first page), then its
     * versions, each encoded once, when made, however often the figures are written while the page fills.
     */
    private Packed.Sequence open = page(new Document());

    Figure(String unitId, int year) {
        this.unitId = unitId;
        this.year = year;
    }

    static String id(String unitId, int year) {
        return unitId + "|" + year;
    }

    /** The full page {@code page} (0 for versions 1 to {@value #PAGE}) of a unit's figures for a year. */
    static String pageId(String unitId, int year, long page) {
        return id(unitId, year) + "|" + page;
    }

    String id() {
        return id(unitId, year);
    }

    Quantity quantity(String key) {
        return quantities.computeIfAbsent(key, k -> new Quantity());
    }

    Set<String> keys() {
        return quantities.keySet();
    }

    long effective(String key) {
        Quantity q = quantities.get(key);
        return q == null ? 0 : effective(key, q.own, q.kids);
    }

    static long effective(String key, Long own, long kids) {
        if (IndicatorCatalogue.isAdditive(key)) {
            return (own == null ? 0 : own) + kids;
        }
        return own != null ? own : kids;
    }

    /** Notes that the event being handled changed a quantity. */
    void changed(String key) {
        changed.add(key);
    }

    /**
     * Ends the event being handled with a new version recording the quantities it changed. Returns the page it
     * filled, to be stored, or null while the page has room.
     */
    Document newVersion(Instant timestamp) {
        version++;
        at = at == null || timestamp.isAfter(at) ? timestamp : at;
        List<Object> changes = new ArrayList<>();
        for (String key : changed) {
            Quantity q = quantities.get(key);
            changes.add(key);
            changes.add(q == null ? null : q.own);
            changes.add(q == null ? 0L : q.kids);
        }
        changed.clear();
        open.append(RecordTime.put(new Document("v", version), "at", at).append("c", changes));
        if (openVersions() < PAGE) {
            return null;
        }
        Document full = new Document("_id", pageId(unitId, year, (version - 1) / PAGE)).append("page", open.binary());
        open = page(quantitiesDocument());
        return full;
    }

    private static Packed.Sequence page(Document base) {
        Packed.Sequence page = Packed.Sequence.empty();
        page.append(base);
        return page;
    }

    /** How many versions the open page holds (none when it was left out of the read). */
    private int openVersions() {
        return Math.max(0, open.size() - 1);
    }

    /** A page from its stored form: the base, then its versions ({@code {base, e}}); an empty first page for none. */
    private static Document page(Packed.Sequence stored) {
        List<Document> documents = stored.documents();
        return documents.isEmpty() ? new Document("base", new Document()).append("e", new ArrayList<Document>())
                : new Document("base", documents.get(0)).append("e", new ArrayList<>(documents.subList(1, documents.size())));
    }

    Document toDocument() {
        return RecordTime.put(new Document("_id", id()).append("unitId", unitId).append("year", year)
                                                       .append("v", version), "at", at)
                         .append("f", Packed.pack(new Document("q", quantitiesDocument()).append("held", new Document(held))))
                         .append("open", open.binary());
    }

    private Document quantitiesDocument() {
        Document q = new Document();
        quantities.forEach((key, value) -> {
            if (value.own != null || value.kids != 0) {
                q.append(key, new Document("o", value.own).append("k", value.kids));
            }
        });
        return q;
    }

    static Figure fromDocument(String unitId, int year, Document document) {
        Figure figure = new Figure(unitId, year);
        figure.version = ((Number) document.get("v")).longValue();
        figure.at = RecordTime.get(document, "at");
        Document figures = Packed.unpack(document.get("f"));
        figure.setQuantities(figures.get("q", Document.class));
        Document held = figures.get("held", Document.class);
        if (held != null) {
            held.forEach((title, count) -> figure.held.put(title, ((Number) count).intValue()));
        }
        figure.open = Packed.Sequence.of(document.get("open"));
        return figure;
    }

    private void setQuantities(Document q) {
        if (q != null) {
            q.forEach((key, value) -> {
                Document d = (Document) value;
                Quantity quantity = quantity(key);
                Object own = d.get("o");
                quantity.own = own == null ? null : ((Number) own).longValue();
                quantity.kids = ((Number) d.get("k")).longValue();
            });
        }
    }

    /** How many full pages the figures have (the open page's number). */
    long fullPages() {
        return (version - openVersions()) / PAGE;
    }

    /** The open page as a page: its base and versions. */
    Document openPage() {
        return page(open);
    }

    /** A full page as {@code indicator_figure_versions} stores it ({@code {_id, page}}), unpacked: its base and versions. */
    static Document fullPage(Document stored) {
        return page(Packed.Sequence.of(stored.get("page")));
    }

    /** When a page's first version was recorded (null: the page has none). */
    static Instant firstRecorded(Document page) {
        List<Document> versions = page.getList("e", Document.class);
        return versions == null || versions.isEmpty() ? null : RecordTime.get(versions.get(0), "at");
    }

    /**
     * The figures as they stood at {@code asOf}: the page's base with its versions recorded at or before it applied in
     * order (record times only grow along a figure's versions).
     */
    static Figure asOf(String unitId, int year, Document page, Instant asOf) {
        Figure figure = new Figure(unitId, year);
        figure.setQuantities(page.get("base", Document.class));
        for (Document version : page.getList("e", Document.class)) {
            Instant recorded = RecordTime.get(version, "at");
            if (recorded.isAfter(asOf)) {
                break;
            }
            figure.version = ((Number) version.get("v")).longValue();
            figure.at = recorded;
            List<?> changes = version.getList("c", Object.class);
            for (int i = 0; i + 2 < changes.size(); i += 3) {
                Quantity quantity = figure.quantity((String) changes.get(i));
                quantity.own = changes.get(i + 1) == null ? null : ((Number) changes.get(i + 1)).longValue();
                quantity.kids = ((Number) changes.get(i + 2)).longValue();
            }
        }
        return figure;
    }
}
