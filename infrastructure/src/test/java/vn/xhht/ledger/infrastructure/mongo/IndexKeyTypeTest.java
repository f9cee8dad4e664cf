package vn.xhht.ledger.infrastructure.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order of the embedded server's unique-index keys: a total order in which two keys are equal exactly when H2's
 * default type found them equal (the same serialised bytes), so that no key becomes a duplicate of another, and no
 * duplicate stops being one, when an index is rebuilt in it. Keys are stored as their values, and keys the previous
 * build stored by Java serialisation are read back.
 */
class IndexKeyTypeTest {

    private final IndexKeyType type = new IndexKeyType();

    @Property(tries = 2_000)
    void twoKeysAreEqualExactlyWhenH2FoundThemEqual(@ForAll("keys") KeyValue a, @ForAll("keys") KeyValue b) {
        boolean sameBytes = Arrays.equals(ObjectDataType.serialize(a), ObjectDataType.serialize(b));
        assertThat(type.compare(a, b) == 0).isEqualTo(sameBytes);
        assertThat(type.compare(a, copy(a))).isZero();
    }

    @Property(tries = 2_000)
    void theOrderIsAntisymmetric(@ForAll("keys") KeyValue a, @ForAll("keys") KeyValue b) {
        assertThat(Integer.signum(type.compare(a, b))).isEqualTo(-Integer.signum(type.compare(b, a)));
    }

    @Property(tries = 2_000)
    void theOrderIsTransitive(@ForAll("keys") KeyValue a, @ForAll("keys") KeyValue b, @ForAll("keys") KeyValue c) {
        List<KeyValue> sorted = new ArrayList<>(List.of(a, b, c));
        sorted.sort(type::compare);
        assertThat(type.compare(sorted.get(0), sorted.get(1))).isLessThanOrEqualTo(0);
        assertThat(type.compare(sorted.get(1), sorted.get(2))).isLessThanOrEqualTo(0);
        assertThat(type.compare(sorted.get(0), sorted.get(2))).isLessThanOrEqualTo(0);
    }

    @Property(tries = 1_000)
    void keysWrittenOneAfterAnotherAreReadBackEqual(@ForAll("keys") KeyValue a, @ForAll("keys") KeyValue b) {
        WriteBuffer page = new WriteBuffer();
        type.write(page, a);
        new ObjectDataType().write(page, b); // as the previous build and plain H2 wrote a key: Java-serialised
        type.write(page, b);
        ByteBuffer read = page.getBuffer().flip();

        assertThat(List.of(type.read(read), type.read(read), type.read(read))).containsExactly(a, b, b);
        assertThat(read.hasRemaining()).isFalse();
    }

    @Property(tries = 200)
    void aKeyIsStoredAsItsValuesNotJavaSerialised(@ForAll("keys") KeyValue key) {
        Assume.that(holdsPlainValues(key)); // what _id and the service's unique fields hold
        WriteBuffer page = new WriteBuffer();
        type.write(page, key);
        byte[] stored = Arrays.copyOf(page.getBuffer().array(), page.position());

        assertThat(stored[0]).isEqualTo(IndexKeyType.KEY_VALUE);
        assertThat(stored.length).isLessThan(ObjectDataType.serialize(key).length);
    }

    @Property(tries = 200)
    void aKeysEstimatedMemoryGrowsWithItsValues(@ForAll("keys") KeyValue key) {
        // H2 splits a page by the summed estimates: a key of short values must not count as a 10 KB object
        Assume.that(holdsPlainValues(key));
        assertThat(type.getMemory(key)).isBetween(24, 24 + 1_000 * key.size());
    }

    private static boolean holdsPlainValues(KeyValue key) {
        return key.stream().allMatch(v -> v == null || v instanceof String || v instanceof Number || v instanceof Boolean);
    }

    private static KeyValue copy(KeyValue key) {
        return (KeyValue) ObjectDataType.deserialize(ObjectDataType.serialize(key)); // as read back from a page
    }

    @Provide
    Arbitrary<KeyValue> keys() {
        return value().list().ofMinSize(1).ofMaxSize(3).map(KeyValue::new);
    }

    /** What the indexed fields hold: few distinct values of each kind, so that equal ones meet often. */
    private static Arbitrary<Object> value() {
        Arbitrary<Object> strings = Arbitraries.strings().withChars("aăb1-:").ofMaxLength(3).map(s -> s);
        Arbitrary<Object> longs = Arbitraries.longs().between(-2, 2).map(n -> n);
        Arbitrary<Object> ints = Arbitraries.integers().between(-2, 2).map(n -> n);
        Arbitrary<Object> doubles = Arbitraries.of(0.0, -0.0, 1.0, 1.5, -2.0, Double.NaN).map(d -> d);
        Arbitrary<Object> booleans = Arbitraries.of(true, false).map(b -> b);
        Arbitrary<Object> documents = Arbitraries.strings().withChars("xy").ofLength(1)
                .map(k -> (Object) new Document(k, 1).append("z", k));
        Arbitrary<Object> lists = Arbitraries.integers().between(0, 2).list().ofMaxSize(2).map(l -> l);
        return Arbitraries.frequencyOf(
                Tuple.of(5, strings), Tuple.of(3, longs), Tuple.of(2, ints),
                Tuple.of(2, doubles), Tuple.of(1, booleans),
                Tuple.of(1, documents), Tuple.of(1, lists),
                Tuple.of(1, Arbitraries.just(null)));
    }
}
