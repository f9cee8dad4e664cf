package vn.xhht.ledger.infrastructure.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The H2 data type of the embedded server's unique-index keys: stored exactly as H2's {@link ObjectDataType} stores
 * them, ordered without serialising them.
 * <p>
 * An index key is a {@link KeyValue} (the indexed fields' values), which is not {@link Comparable}, so H2's default
 * type compares two keys by Java-serialising both and comparing the bytes: some twenty serialisations per lookup,
 * for every read by {@code _id} and every write checked against a unique index. A profile of the writing benchmark
 * found them taking a sixth of the service's CPU. This type compares the common values (strings, whole numbers,
 * doubles, booleans, nulls) directly and anything else as before, by its serialised bytes, so two keys are equal
 * exactly when H2 found them equal; the order differs, which is why a map ordered the old way is rebuilt once
 * ({@link OrderedIndexes}).
 */
final class IndexKeyType extends ObjectDataType {

    IndexKeyType() {
    }

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue && b instanceof KeyValue) {
            return compareKeys((KeyValue) a, (KeyValue) b);
        }
        return super.compare(a, b);
    }

    /** Component by component, a shorter key first when one is the start of the other. */
    private static int compareKeys(KeyValue a, KeyValue b) {
        if (a == b) {
            return 0;
        }
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static final int NULL = 0;
    private static final int BOOLEAN = 1;
    private static final int INTEGER = 2;
    private static final int LONG = 3;
    private static final int DOUBLE = 4;
    private static final int STRING = 5;
    private static final int OTHER = 6;

    static int compareValues(Object a, Object b) {
        int kind = kind(a);
        int byKind = Integer.compare(kind, kind(b));
        if (byKind != 0) {
            return byKind;
        }
        switch (kind) {
            case NULL:
                return 0;
            case BOOLEAN:
                return Boolean.compare((Boolean) a, (Boolean) b);
            case INTEGER:
                return Integer.compare((Integer) a, (Integer) b);
            case LONG:
                return Long.compare((Long) a, (Long) b);
            case DOUBLE:
                return Double.compare((Double) a, (Double) b); // equal exactly when equals() is: -0.0 and NaN included
            case STRING:
                return ((String) a).compareTo((String) b);
            default:
                int byClass = a.getClass().getName().compareTo(b.getClass().getName());
                return byClass != 0 ? byClass : compareNotNull(serialize(a), serialize(b));
        }
    }

    private static int kind(Object value) {
        if (value == null) {
            return NULL;
        }
        Class<?> type = value.getClass();
        if (type == String.class) {
            return STRING;
        }
        if (type == Long.class) {
            return LONG;
        }
        if (type == Integer.class) {
            return INTEGER;
        }
        if (type == Double.class) {
            return DOUBLE;
        }
        if (type == Boolean.class) {
            return BOOLEAN;
        }
        return OTHER;
    }
}
