package vn.xhht.ledger.query.indicator;

import vn.xhht.ledger.query.support.RecordTime;
import org.bson.Document;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The figures of one unit for one year: per quantity (title holders, baselines, unit counts, reported values) the
 * unit's own value and the sum of its children's effective values as the hierarchy stood at the year's end. The
 * effective value is own + children for additive quantities, own (when given) else children for the others.
 */
final class Figure {

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

    Figure(String unitId, int year) {
        this.unitId = unitId;
        this.year = year;
    }

    static String id(String unitId, int year) {
        return unitId + "|" + year;
    }

    static String versionId(String unitId, int year, long version) {
        return id(unitId, year) + "|" + version;
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

    Document toDocument() {
        return body(new Document("_id", id()).append("unitId", unitId).append("year", year))
                .append("held", new Document(held));
    }

    Document versionDocument() {
        return body(new Document("_id", versionId(unitId, year, version)));
    }

    private Document body(Document document) {
        Document q = new Document();
        quantities.forEach((key, value) -> {
            if (value.own != null || value.kids != 0) {
                q.append(key, new Document("o", value.own).append("k", value.kids));
            }
        });
        return RecordTime.put(document.append("v", version), "at", at).append("q", q);
    }

    static Figure fromDocument(String unitId, int year, Document document) {
        Figure figure = new Figure(unitId, year);
        figure.version = ((Number) document.get("v")).longValue();
        figure.at = RecordTime.get(document, "at");
        Document q = document.get("q", Document.class);
        if (q != null) {
            q.forEach((key, value) -> {
                Document d = (Document) value;
                Quantity quantity = figure.quantity(key);
                Object own = d.get("o");
                quantity.own = own == null ? null : ((Number) own).longValue();
                quantity.kids = ((Number) d.get("k")).longValue();
            });
        }
        Document held = document.get("held", Document.class);
        if (held != null) {
            held.forEach((title, count) -> figure.held.put(title, ((Number) count).intValue()));
        }
        return figure;
    }
}
