package vn.xhht.ledger.infrastructure.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;

/**
 * The H2 data type of the embedded server's unique-index keys: stored as their values, ordered without serialising
 * them.
 * <p>
 * An index key is a {@link KeyValue} (the indexed fields' values), which is not {@link Comparable}, so H2's default
 * type compares two keys by Java-serialising both and comparing the bytes: some twenty serialisations per lookup,
 * for every read by {@code _id} and every write checked against a unique index. A profile of the writing benchmark
 * found them taking a sixth of the service's CPU. This type compares the common values (strings, whole numbers,
 * doubles, booleans, nulls) directly and anything else as before, by its serialised bytes, so two keys are equal
 * exactly when H2 found them equal; the order differs, which is why a map ordered the old way is rebuilt once
 * ({@link OrderedIndexes}).
 * <p>
 * H2 stored a key by Java serialisation too: class descriptors and a handle table for each of a page's keys, written
 * again whenever a commit rewrites the page — 160 bytes for a key of one short string, 217 for one number. The event
 * store's appends on the H2 backend wrote 34 KB (a raw insert) and 50 KB (a commit of ours, two unique indexes) to
 * the file per commit; storing each key as its values (each as H2 writes a value), and documents as BSON
 * ({@link BsonDocumentType}), brought that to 19 and 22 KB and our commit from 0.6 to 0.2 ms. Keys stored before are
 * read back as they were, and written in the new form with their page.
 */
final class IndexKeyType extends ObjectDataType {

    /** A tag {@link ObjectDataType} does not use (it uses 0–14, 19, 32–49 and 64–119); 120 is a BSON document's. */
    static final byte KEY_VALUE = 121;

    IndexKeyType() {
    }

    /** A key as its number of values, then each value as H2 writes it (Java-serialised only if H2 does not know it). */
    @Override
    public void write(WriteBuffer buff, Object obj) {
        if (!(obj instanceof KeyValue key)) {
            super.write(buff, obj);
            return;
        }
        buff.put(KEY_VALUE).putVarInt(key.size());
        for (Object value : key) {
            super.write(buff, value);
        }
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != KEY_VALUE) {
            return super.read(buff); // written before, by Java serialisation
        }
        buff.get();
        Object[] values = new Object[DataUtils.readVarInt(buff)];
        for (int i = 0; i < values.length; i++) {
            values[i] = super.read(buff);
        }
        return new KeyValue(values);
    }

    /** H2's estimate for each value; for a Java-serialised key it was an average of their serialised sizes. */
    @Override
    public int getMemory(Object obj) {
        if (!(obj instanceof KeyValue key)) {
            return super.getMemory(obj);
        }
        int memory = 24;
        for (Object value : key) {
            memory += super.getMemory(value);
        }
        return memory;
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
