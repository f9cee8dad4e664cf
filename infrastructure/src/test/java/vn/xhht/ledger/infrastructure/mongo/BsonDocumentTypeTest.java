package vn.xhht.ledger.infrastructure.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded server's documents stored as BSON: read back as they were written, beside documents the previous build
 * (and plain H2) stored by Java serialisation, in the same file.
 */
class BsonDocumentTypeTest {

    private final BsonDocumentType type = new BsonDocumentType();

    @Test
    void aDocumentIsReadBackAsItWasWritten() {
        Document document = everyKind();

        Document read = (Document) readAll(write(document)).get(0);

        assertThat(bson(read)).isEqualTo(bson(document));
        assertThat(read.get("title")).isEqualTo("Gia đình học tập");
        assertThat(read.get("households")).isInstanceOf(Integer.class);
        assertThat(read.get("position")).isInstanceOf(Long.class);
    }

    @Test
    void documentsStoredBeforeBesideNewOnesAreReadBackInOrder() {
        WriteBuffer page = new WriteBuffer();
        new ObjectDataType().write(page, everyKind()); // as the previous build wrote it: Java-serialised
        type.write(page, new Document("_id", "unit-2").append("name", "Thôn Đông"));
        type.write(page, 42L); // not a document: as H2 writes it

        List<Object> read = readAll(page);

        assertThat(read).hasSize(3);
        assertThat(bson((Document) read.get(0))).isEqualTo(bson(everyKind()));
        assertThat(read.get(1)).isEqualTo(new Document("_id", "unit-2").append("name", "Thôn Đông"));
        assertThat(read.get(2)).isEqualTo(42L);
    }

    @Test
    void aDocumentIsStoredInFewerBytesThanJavaSerialisation() {
        WriteBuffer page = write(everyKind());

        assertThat(page.getBuffer().get(0)).isEqualTo(BsonDocumentType.BSON_DOCUMENT);
        assertThat(page.position()).isLessThan(ObjectDataType.serialize(everyKind()).length / 2);
    }

    @Test
    void aDocumentBsonCannotHoldIsStoredAsBefore() {
        Document document = new Document("_id", "x").append("ratio", 0.5f); // a float never comes over the wire

        Object read = readAll(write(document)).get(0);

        assertThat(read).isEqualTo(document);
        assertThat(((Document) read).get("ratio")).isInstanceOf(Float.class);
    }

    @Test
    void aFileWrittenBeforeIsReadAndWrittenOnInBson(@TempDir Path dir) {
        MongoServer old = new MongoServer(new H2Backend(MVStore.open(dir.resolve("xhht.mv").toString())));
        old.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + old.getLocalAddress().getPort())) {
            for (int i = 0; i < 500; i++) {
                units(client).insertOne(unit(i));
            }
        } finally {
            old.shutdownNow();
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.h2(dir); MongoClient client = MongoClients.create(mongo.connectionString())) {
            for (int i = 500; i < 1_000; i++) {
                units(client).insertOne(unit(i));
            }
            units(client).updateOne(Filters.eq("_id", "unit-7"),
                                    new org.bson.Document("$set", new org.bson.Document("name", "Thôn Bảy")));
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.h2(dir); MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertThat(units(client).countDocuments()).isEqualTo(1_000);
            for (int i = 0; i < 1_000; i += 37) {
                org.bson.Document read = units(client).find(Filters.eq("_id", "unit-" + i)).first();
                assertThat(read).isNotNull();
                assertThat(read.getInteger("households")).isEqualTo(i * 3);
                assertThat(read.getList("villages", String.class)).containsExactly("v-" + i, "v-" + (i + 1));
            }
            assertThat(units(client).find(Filters.eq("_id", "unit-7")).first().getString("name")).isEqualTo("Thôn Bảy");
        }

        MVStore store = MVStore.open(dir.resolve("xhht.mv").toString());
        try { // H2's own type cannot read the pages written since: they are BSON
            MVMap<Object, Object> documents = store.openMap("databases.xhht.units");
            assertThatThrownBy(() -> documents.get("unit-999")).hasMessageContaining("120");
        } finally {
            store.closeImmediately();
        }
    }

    private static org.bson.Document unit(int i) {
        return new org.bson.Document("_id", "unit-" + i).append("name", "Thôn " + i).append("households", i * 3)
                                                       .append("villages", List.of("v-" + i, "v-" + (i + 1)));
    }

    private static MongoCollection<org.bson.Document> units(MongoClient client) {
        return client.getDatabase("xhht").getCollection("units");
    }

    /** Every kind of value a document comes over the wire with. */
    private static Document everyKind() {
        List<Object> list = new ArrayList<>(List.of("a", 1, 2L));
        list.add(null);
        return new Document("_id", new ObjectId("5f1d7a3b2c9e4a0011223344"))
                .append("title", "Gia đình học tập").append("households", 120).append("position", 9_000_000_000L)
                .append("ratio", 0.875).append("counted", true).append("absent", null)
                .append("recordedOn", Instant.ofEpochMilli(1_733_616_000_123L))
                .append("id", UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427"))
                .append("hash", new BinData(new byte[] {1, 2, 3, (byte) 0xFF}))
                .append("list", list)
                .append("nested", new Document("unitId", "xa-01").append("years", List.of(2024, 2025)));
    }

    private WriteBuffer write(Object value) {
        WriteBuffer page = new WriteBuffer();
        type.write(page, value);
        return page;
    }

    private List<Object> readAll(WriteBuffer page) {
        ByteBuffer read = page.getBuffer().flip();
        List<Object> values = new ArrayList<>();
        while (read.hasRemaining()) {
            values.add(type.read(read));
        }
        return values;
    }

    private static String bson(Document document) {
        ByteBuf out = Unpooled.buffer();
        BsonEncoder.encodeDocument(document, out);
        return ByteBufUtil.hexDump(out);
    }
}
