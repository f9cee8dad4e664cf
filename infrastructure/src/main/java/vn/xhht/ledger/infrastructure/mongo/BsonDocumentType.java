package vn.xhht.ledger.infrastructure.mongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;

/**
 * The H2 data type of the embedded server's stored documents: each written as its BSON bytes, the form it came over
 * the wire in, behind a tag of its own; read back in either that form or the one H2's {@link ObjectDataType} wrote.
 * <p>
 * H2's default type stores an object it does not know by Java serialisation — a new {@code ObjectOutputStream}, class
 * descriptors and a handle table for every document, each time a page holding it is written. A commit rewrites the
 * changed leaf of each map, so every write re-serialised the documents beside it: a profile of the event store's
 * appends on the H2 backend found H2's serialisation thread spending most of its time there. BSON costs a pass over
 * the document's fields, and its bytes are a fraction of the Java form.
 * <p>
 * Pages written before keep their Java form and are read as they were; a page is written in the new form when it is
 * next changed. A document BSON cannot hold (no document the wire delivers) is still stored by Java serialisation.
 * Dates keep BSON's milliseconds, as on the wire.
 */
final class BsonDocumentType extends ObjectDataType {

    /** A tag {@link ObjectDataType} does not use (it uses 0–14, 19, 32–49 and 64–119). */
    static final byte BSON_DOCUMENT = 120;

    /**
     * The estimated memory of a stored document, as H2 estimates what it serialises: twice the average stored size,
     * an exponential moving average. H2 splits a page whose estimate exceeds its page size.
     */
    private volatile int averageSize = 1_024;

    @Override
    public void write(WriteBuffer buff, Object obj) {
        if (!(obj instanceof Document document)) {
            super.write(buff, obj);
            return;
        }
        ByteBuf bson = Unpooled.buffer(averageSize);
        try {
            BsonEncoder.encodeDocument(document, bson);
        } catch (RuntimeException notBson) {
            super.write(buff, obj);
            return;
        }
        int length = bson.readableBytes();
        averageSize = (int) ((2L * length + 15L * averageSize) / 16);
        buff.put(BSON_DOCUMENT).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != BSON_DOCUMENT) {
            return super.read(buff);
        }
        buff.get();
        int length = Integer.reverseBytes(buff.getInt(buff.position())); // BSON opens with its length, little-endian
        Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(buff.slice(buff.position(), length)));
        buff.position(buff.position() + length);
        return document;
    }

    @Override
    public int getMemory(Object obj) {
        return obj instanceof Document ? averageSize : super.getMemory(obj);
    }
}
