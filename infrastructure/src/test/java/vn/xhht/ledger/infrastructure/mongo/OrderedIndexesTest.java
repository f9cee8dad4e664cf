package vn.xhht.ledger.infrastructure.mongo;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded server's unique indexes in a file written before their key order changed: rebuilt once when the file
 * is opened, and whatever a crash interrupted of that is finished at the next start. Every key is found again and
 * every duplicate still refused — on a tree left in the old order, lookups would miss.
 */
class OrderedIndexesTest {

    private static final int UNITS = 1_500;

    @Test
    void anIndexWrittenInTheOldOrderIsRebuiltAndFindsEveryKey(@TempDir Path dir) {
        writeTheOldWay(dir);

        try (EmbeddedMongo mongo = EmbeddedMongo.h2(dir)) {
            assertEveryKeyIsFoundAndEveryDuplicateRefused(mongo);
        }

        assertEveryIndexIsListedInTheNewOrder(dir);
        try (EmbeddedMongo again = EmbeddedMongo.h2(dir)) { // listed: opened as it is, not rebuilt again
            assertEveryKeyIsFoundAndEveryDuplicateRefused(again);
        }
    }

    @Test
    void aRebuildStoppedAfterTheOldMapWasRemovedIsFinished(@TempDir Path dir) {
        writeTheOldWay(dir);
        MVStore store = MVStore.open(dir.resolve("xhht.mv").toString());
        for (String name : indexMaps(store)) {
            MVMap<Object, Object> old = store.openMap(name);
            OrderedIndexes.openOrdered(store, OrderedIndexes.sibling(name)).putAll(old);
            store.removeMap(old);
        }
        store.close();

        try (EmbeddedMongo mongo = EmbeddedMongo.h2(dir)) {
            assertEveryKeyIsFoundAndEveryDuplicateRefused(mongo);
        }
        assertEveryIndexIsListedInTheNewOrder(dir);
    }

    @Test
    void aHalfBuiltCopyIsDroppedAndBuiltAgain(@TempDir Path dir) {
        writeTheOldWay(dir);
        MVStore store = MVStore.open(dir.resolve("xhht.mv").toString());
        for (String name : indexMaps(store)) {
            OrderedIndexes.openOrdered(store, OrderedIndexes.sibling(name)).put(new KeyValue("c-none"), "unit-none");
        }
        store.close();

        try (EmbeddedMongo mongo = EmbeddedMongo.h2(dir); MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertThat(units(client).find(Filters.eq("code", "c-none")).first()).isNull();
            assertEveryKeyIsFoundAndEveryDuplicateRefused(mongo);
        }
        assertEveryIndexIsListedInTheNewOrder(dir);
    }

    @Test
    void anIndexCreatedOnANewStoreIsInTheNewOrderFromTheStart(@TempDir Path dir) {
        try (EmbeddedMongo mongo = EmbeddedMongo.h2(dir); MongoClient client = MongoClients.create(mongo.connectionString())) {
            fill(units(client));
            assertEveryKeyIsFoundAndEveryDuplicateRefused(mongo);
        }
        assertEveryIndexIsListedInTheNewOrder(dir);
    }

    @Test
    void anIndexThePreviousBuildOrderedIsReadAsItIsAndWrittenOn(@TempDir Path dir) {
        writeTheOldWay(dir);
        MVStore store = MVStore.open(dir.resolve("xhht.mv").toString());
        IndexKeyType order = new IndexKeyType();
        // the previous build's key type: ordered by IndexKeyType, stored by Java serialisation
        ObjectDataType javaSerialising = new ObjectDataType() {
            @Override
            public int compare(Object a, Object b) {
                return order.compare(a, b);
            }
        };
        MVMap<Integer, Integer> listed = store.openMap(OrderedIndexes.ORDERED_MAPS);
        Map<String, Integer> ids = new java.util.HashMap<>();
        for (String name : indexMaps(store)) {
            MVMap<Object, Object> old = store.openMap(name);
            MVMap<Object, Object> copy = store.openMap(OrderedIndexes.sibling(name),
                                                       new MVMap.Builder<Object, Object>().keyType(javaSerialising));
            copy.putAll(old);
            store.removeMap(old);
            store.renameMap(copy, name);
            listed.put(copy.getId(), 1);
            ids.put(name, copy.getId());
        }
        store.close();

        try (EmbeddedMongo mongo = EmbeddedMongo.h2(dir); MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertEveryKeyIsFoundAndEveryDuplicateRefused(mongo);
            units(client).insertOne(new Document("_id", "unit-new").append("code", "c-new"));
        }
        try (EmbeddedMongo again = EmbeddedMongo.h2(dir); MongoClient client = MongoClients.create(again.connectionString())) {
            assertThat(units(client).find(Filters.eq("code", "c-new")).first()).isNotNull();
            assertDuplicate(units(client), new Document("_id", "unit-newer").append("code", "c-new"));
            units(client).deleteOne(Filters.eq("_id", "unit-new"));
            assertEveryKeyIsFoundAndEveryDuplicateRefused(again);
        }
        MVStore after = MVStore.open(dir.resolve("xhht.mv").toString());
        try { // not rebuilt: the same maps
            assertThat(indexMaps(after).stream().collect(Collectors.toMap(name -> name,
                    name -> OrderedIndexes.openOrdered(after, name).getId()))).isEqualTo(ids);
        } finally {
            after.close();
        }
    }

    /** A file as the plain H2 backend (and this service before) writes it: index keys ordered by serialised bytes. */
    private static void writeTheOldWay(Path dir) {
        MongoServer server = new MongoServer(new H2Backend(MVStore.open(dir.resolve("xhht.mv").toString())));
        server.bind();
        String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        try (MongoClient client = MongoClients.create(uri)) {
            fill(units(client));
        } finally {
            server.shutdownNow();
        }
    }

    private static void fill(MongoCollection<Document> units) {
        units.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
        units.createIndex(Indexes.ascending("aggregate", "sequence"), new IndexOptions().unique(true));
        for (int i = 0; i < UNITS; i++) {
            units.insertOne(new Document("_id", "unit-" + i).append("code", "c-" + i)
                                    .append("aggregate", "a-" + i % 50).append("sequence", (long) (i / 50)));
        }
    }

    private static void assertEveryKeyIsFoundAndEveryDuplicateRefused(EmbeddedMongo mongo) {
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> units = units(client);
            for (int i = 0; i < UNITS; i += 7) {
                assertThat(units.find(Filters.eq("_id", "unit-" + i)).first()).isNotNull();
                assertThat(units.find(Filters.eq("code", "c-" + i)).first()).extracting(d -> d.get("_id"))
                        .isEqualTo("unit-" + i);
                assertThat(units.find(Filters.and(Filters.eq("aggregate", "a-" + i % 50),
                                                  Filters.eq("sequence", (long) (i / 50)))).first())
                        .extracting(d -> d.get("_id")).isEqualTo("unit-" + i);
            }
            assertThat(units.countDocuments()).isEqualTo(UNITS);
            assertDuplicate(units, new Document("_id", "unit-3").append("code", "c-new"));
            assertDuplicate(units, new Document("_id", "unit-new").append("code", "c-1499"));
            assertDuplicate(units, new Document("_id", "unit-new").append("code", "c-new")
                    .append("aggregate", "a-7").append("sequence", 29L));
        }
    }

    private static void assertDuplicate(MongoCollection<Document> units, Document document) {
        assertThatThrownBy(() -> units.insertOne(document)).isInstanceOf(MongoWriteException.class)
                .satisfies(e -> assertThat(((MongoWriteException) e).getCode()).isEqualTo(11000));
    }

    private static void assertEveryIndexIsListedInTheNewOrder(Path dir) {
        MVStore store = MVStore.open(dir.resolve("xhht.mv").toString());
        try {
            List<String> indexes = indexMaps(store);
            assertThat(indexes).hasSize(3) // _id, code, aggregate+sequence: the names H2Database uses
                    .noneMatch(name -> name.contains("~"));
            MVMap<Integer, Integer> listed = store.openMap(OrderedIndexes.ORDERED_MAPS);
            Map<String, Integer> ids = indexes.stream()
                    .collect(Collectors.toMap(name -> name, name -> OrderedIndexes.openOrdered(store, name).getId()));
            assertThat(ids.values()).allSatisfy(id -> assertThat(listed.get(id)).isEqualTo(1));
        } finally {
            store.close();
        }
    }

    private static List<String> indexMaps(MVStore store) {
        return store.getMapNames().stream().filter(name -> name.contains("._index_")).sorted()
                .collect(Collectors.toList());
    }

    private static MongoCollection<Document> units(MongoClient client) {
        return client.getDatabase("xhht").getCollection("units");
    }
}
