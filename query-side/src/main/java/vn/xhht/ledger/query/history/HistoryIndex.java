package vn.xhht.ledger.query.history;

import org.bson.Document;
import vn.xhht.ledger.query.support.Packed;
import vn.xhht.ledger.query.support.ViewBatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Each unit's history as positions of the log, in pages: {@code history_pages} holds page {@code k} of a unit under
 * {@code <unit>|<k>} (at most {@link #PAGE_SIZE} entries, ascending by position, each page's positions above the
 * previous page's; the entries packed one after another), {@code history_heads} the first position of each page under
 * the unit's id. A page of a history is thus the head and one or two pages read by key — on the embedded server, which
 * has no secondary indexes, as on MongoDB. An entry keeps its position, its record time (to filter {@code asOf},
 * {@code from}, {@code to} without reading the event) and the units it concerns (to filter a subtree's members on a
 * date or as known at an instant).
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

        Entry joined(Entry other) {
            Set<String> both = new LinkedHashSet<>(units);
            both.addAll(other.units);
            return new Entry(position, recorded, both);
        }
    }

    private final ViewBatch batch;
    /**
     * The pages this batch read or changed: a page is decoded once per batch and written once, when the batch is
     * written, however many of its events it gains (a province's page gains every event).
     */
    private final Map<String, Page> pages = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();

    HistoryIndex(ViewBatch batch) {
        this.batch = batch;
        batch.hold(new ViewBatch.Holder() {
            @Override
            public void writeOut() {
                changed.forEach(id -> batch.replace(PAGES, id, pages.get(id).toDocument(id)));
                changed.clear();
            }

            @Override
            public void forget() {
                pages.clear();
                changed.clear();
            }
        });
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
            Page page = page(unit, last);
            Entry entry = incoming.get(0);
            if (page.size() == 0 || entry.position() > page.lastPosition) {
                if (page.size() < PAGE_SIZE) {
                    page.append(entry);
                    changed.add(pageId(unit, last));
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
            existing.addAll(page(unit, k).entries());
        }
        rewrite(unit, firsts, from, merged(existing, incoming));
    }

    /** Every entry of the unit's history, oldest first. */
    List<Entry> all(String unit) {
        Document head = batch.find(HEADS, unit);
        List<Entry> entries = new ArrayList<>();
        int pages = head == null ? 0 : head.getList("firsts", Long.class).size();
        for (int k = 0; k < pages; k++) {
            entries.addAll(page(unit, k).entries());
        }
        return entries;
    }

    /** Page {@code k} of the unit's history as this batch has it (appended to in place by {@link #add}). */
    private Page page(String unit, int k) {
        return pages.computeIfAbsent(pageId(unit, k), id -> Page.of(batch.find(PAGES, id)));
    }

    /** The entries of a page as stored, oldest first. */
    static List<Entry> entries(Document page) {
        return Page.of(page).entries();
    }

    /**
     * A page as stored — its entries one after another ({@link Packed.Sequence}): appending an entry encodes that entry
     * only, and a stored page decodes its last entry only (for its position), however full; the others are decoded
     * when asked for.
     */
    private static final class Page {

        private final Packed.Sequence packed;
        private List<Entry> entries;
        long lastPosition;

        private Page(Packed.Sequence packed, List<Entry> entries, long lastPosition) {
            this.packed = packed;
            this.entries = entries;
            this.lastPosition = lastPosition;
        }

        static Page of(List<Entry> entries) {
            Page page = new Page(Packed.Sequence.empty(), new ArrayList<>(), 0);
            entries.forEach(page::append);
            return page;
        }

        /** A stored page: its last entry is decoded for its position, the others when asked for. */
        static Page of(Document stored) {
            Packed.Sequence packed = Packed.Sequence.of(stored == null ? null : stored.get("e"));
            Document last = packed.last();
            return new Page(packed, null, last == null ? 0 : last.getLong("p"));
        }

        int size() {
            return packed.size();
        }

        List<Entry> entries() {
            if (entries == null) {
                entries = new ArrayList<>(packed.size());
                for (Document entry : packed.documents()) {
                    entries.add(new Entry(entry.getLong("p"), entry.getLong("t"),
                                          new LinkedHashSet<>(entry.getList("u", String.class))));
                }
            }
            return entries;
        }

        void append(Entry entry) {
            if (entries != null) {
                entries.add(entry);
            }
            lastPosition = entry.position();
            packed.append(new Document("p", entry.position()).append("t", entry.recorded())
                                                            .append("u", new ArrayList<>(entry.units())));
        }

        Document toDocument(String id) {
            int bar = id.lastIndexOf('|');
            return new Document("unit", id.substring(0, bar)).append("page", Integer.parseInt(id.substring(bar + 1)))
                                                             .append("e", packed.binary());
        }
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
        String id = pageId(unit, k);
        pages.put(id, Page.of(entries));
        changed.add(id);
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
