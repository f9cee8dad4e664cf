package vn.xhht.ledger.query.history;

import org.bson.Document;
import vn.xhht.ledger.query.support.ViewBatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Each unit's history as positions of the log, in pages: {@code history_pages} holds page {@code k} of a unit under
 * {@code <unit>|<k>} (at most {@link #PAGE_SIZE} entries, ascending by position, each page's positions above the
 * previous page's), {@code history_heads} the first position of each page under the unit's id. A page of a history is
 * thus the head and one or two pages read by key — on the embedded server, which has no secondary indexes, as on
 * MongoDB. An entry keeps its position, its record time (to filter {@code asOf}, {@code from}, {@code to} without
 * reading the event) and the units it concerns (to filter a subtree's members on a date or as known at an instant).
 *
 * <p>Appending the newest event is the usual write: one page and, every {@link #PAGE_SIZE} entries, the head. An
 * older position (a unit joining a subtree brings its history along; a commit arriving late from another node) is
 * merged in, rewriting the pages from the one it falls in. Merging an entry already present joins their units, so
 * handling an event again changes nothing.
 */
final class HistoryIndex {

    static final String PAGES = "history_pages";
    static final String HEADS = "history_heads";
    static final int PAGE_SIZE = 128;

    /** One event in a unit's history: its position, record time (epoch nanoseconds) and the units it concerns. */
    record Entry(long position, long recorded, Set<String> units) {

        Document toDocument() {
            return new Document("p", position).append("t", recorded).append("u", new ArrayList<>(units));
        }

        static Entry of(Document document) {
            return new Entry(document.getLong("p"), document.getLong("t"),
                             new LinkedHashSet<>(document.getList("u", String.class)));
        }

        Entry joined(Entry other) {
            Set<String> both = new LinkedHashSet<>(units);
            both.addAll(other.units);
            return new Entry(position, recorded, both);
        }
    }

    private final ViewBatch batch;

    HistoryIndex(ViewBatch batch) {
        this.batch = batch;
    }

    static String pageId(String unit, int page) {
        return unit + "|" + page;
    }

    /** The page holding {@code position} (or where it would go): the last whose first position is at or below it. */
    static int pageFor(List<Long> firsts, long position) {
        int low = 0;
        int high = firsts.size() - 1;
        int found = 0;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (firsts.get(middle) <= position) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }

    /** Adds the entries (any order) to the unit's history. */
    void add(String unit, Collection<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Entry> incoming = new ArrayList<>(entries);
        incoming.sort((a, b) -> Long.compare(a.position(), b.position()));
        Document head = batch.find(HEADS, unit);
        List<Long> firsts = head == null ? new ArrayList<>() : new ArrayList<>(head.getList("firsts", Long.class));
        if (firsts.isEmpty()) {
            rewrite(unit, firsts, 0, incoming);
            return;
        }
        int last = firsts.size() - 1;
        int from = pageFor(firsts, incoming.get(0).position());
        if (incoming.size() == 1 && from == last) {
            List<Entry> page = page(unit, last);
            Entry entry = incoming.get(0);
            if (page.isEmpty() || entry.position() > page.get(page.size() - 1).position()) {
                if (page.size() < PAGE_SIZE) {
                    page.add(entry);
                    writePage(unit, last, page);
                } else {
                    firsts.add(entry.position());
                    writePage(unit, last + 1, List.of(entry));
                    writeHead(unit, firsts);
                }
                return;
            }
        }
        List<Entry> existing = new ArrayList<>();
        for (int k = from; k <= last; k++) {
            existing.addAll(page(unit, k));
        }
        rewrite(unit, firsts, from, merged(existing, incoming));
    }

    /** Every entry of the unit's history, oldest first. */
    List<Entry> all(String unit) {
        Document head = batch.find(HEADS, unit);
        List<Entry> entries = new ArrayList<>();
        int pages = head == null ? 0 : head.getList("firsts", Long.class).size();
        for (int k = 0; k < pages; k++) {
            entries.addAll(page(unit, k));
        }
        return entries;
    }

    private List<Entry> page(String unit, int k) {
        Document page = batch.find(PAGES, pageId(unit, k));
        List<Entry> entries = new ArrayList<>();
        if (page != null) {
            page.getList("e", Document.class).forEach(document -> entries.add(Entry.of(document)));
        }
        return entries;
    }

    /** Pages {@code from} onwards written anew from {@code entries}, full pages then the last. */
    private void rewrite(String unit, List<Long> firsts, int from, List<Entry> entries) {
        List<Long> kept = new ArrayList<>(firsts.subList(0, from));
        for (int start = 0, k = from; start < entries.size(); start += PAGE_SIZE, k++) {
            List<Entry> page = entries.subList(start, Math.min(entries.size(), start + PAGE_SIZE));
            kept.add(page.get(0).position());
            writePage(unit, k, page);
        }
        if (!kept.equals(firsts)) {
            writeHead(unit, kept);
        }
    }

    private void writePage(String unit, int k, List<Entry> entries) {
        batch.replace(PAGES, pageId(unit, k), new Document("unit", unit).append("page", k)
                .append("e", entries.stream().map(Entry::toDocument).toList()));
    }

    private void writeHead(String unit, List<Long> firsts) {
        batch.replace(HEADS, unit, new Document("firsts", firsts));
    }

    /** Both lists (ascending) as one, ascending; an entry in both keeps the units of both. */
    private static List<Entry> merged(List<Entry> existing, List<Entry> incoming) {
        Map<Long, Entry> byPosition = new TreeMap<>();
        for (Entry entry : existing) {
            byPosition.merge(entry.position(), entry, Entry::joined);
        }
        for (Entry entry : incoming) {
            byPosition.merge(entry.position(), entry, Entry::joined);
        }
        return new ArrayList<>(byPosition.values());
    }
}
