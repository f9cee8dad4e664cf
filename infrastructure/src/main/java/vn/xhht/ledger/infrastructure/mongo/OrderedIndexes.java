package vn.xhht.ledger.infrastructure.mongo;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Opens the embedded server's unique-index maps with {@link IndexKeyType}, rebuilding once a map its older versions
 * ordered by serialised bytes.
 * <p>
 * A B-tree answers lookups only in the order it was built in, and H2 does not record a map's key type in the file.
 * So each map ordered by {@link IndexKeyType} is listed, by its H2 map id (never reused), in
 * {@value #ORDERED_MAPS}. A map not listed is copied, in the new order, into a sibling map, which then takes its name
 * and is listed. The copy reads the old map in its stored order, which needs no comparison. Every state a crash can
 * leave is finished at the next start: a half-built sibling is dropped and built again; a sibling complete but not yet
 * renamed (the old map already removed) is renamed; a renamed map not yet listed is rebuilt again, harmlessly.
 * It runs while the database is opened, before the server accepts a connection.
 */
final class OrderedIndexes {

    private static final Logger log = LoggerFactory.getLogger(OrderedIndexes.class);

    /** Map ids of the index maps in {@link IndexKeyType}'s order, each with the version of that order. */
    static final String ORDERED_MAPS = "xhht.ordered-index-maps";
    private static final int ORDER_VERSION = 1;
    private static final String REBUILDING = "~rebuilding";

    private OrderedIndexes() {
    }

    /** The index map of this name, opened (or created) in {@link IndexKeyType}'s order. */
    static MVMap<Object, Object> open(MVStore store, String name) {
        MVMap<Integer, Integer> ordered = store.openMap(ORDERED_MAPS);
        String sibling = sibling(name);
        if (!store.hasMap(name)) {
            if (store.hasMap(sibling)) {
                return finish(store, ordered, openOrdered(store, sibling), name); // stopped after the old map went
            }
            return list(ordered, openOrdered(store, name));
        }
        MVMap<Object, Object> map = openOrdered(store, name); // stored as before: readable, not yet searchable
        if (Integer.valueOf(ORDER_VERSION).equals(ordered.get(map.getId()))) {
            return map;
        }
        if (store.hasMap(sibling)) {
            store.removeMap(sibling); // a copy a crash interrupted
        }
        long started = System.nanoTime();
        MVMap<Object, Object> copy = openOrdered(store, sibling);
        for (Map.Entry<Object, Object> entry : map.entrySet()) {
            copy.put(entry.getKey(), entry.getValue());
        }
        store.removeMap(map);
        MVMap<Object, Object> rebuilt = finish(store, ordered, copy, name);
        log.info("Index {} rebuilt in its new key order: {} keys in {} ms", name, rebuilt.sizeAsLong(),
                 (System.nanoTime() - started) / 1_000_000);
        return rebuilt;
    }

    private static MVMap<Object, Object> finish(MVStore store, MVMap<Integer, Integer> ordered,
                                                MVMap<Object, Object> copy, String name) {
        store.renameMap(copy, name);
        return list(ordered, copy);
    }

    private static MVMap<Object, Object> list(MVMap<Integer, Integer> ordered, MVMap<Object, Object> map) {
        ordered.put(map.getId(), ORDER_VERSION);
        return map;
    }

    /** The map an index is copied into while it is rebuilt. */
    static String sibling(String name) {
        return name + REBUILDING;
    }

    /** The map of this name, opened (or created) with {@link IndexKeyType}. */
    static MVMap<Object, Object> openOrdered(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<Object, Object>().keyType(new IndexKeyType()));
    }
}
