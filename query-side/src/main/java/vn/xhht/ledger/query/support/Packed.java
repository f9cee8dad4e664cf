package vn.xhht.ledger.query.support;

import org.bson.BsonBinary;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Binary;
import org.bson.Document;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A part of a view document that the database never looks into (a page of versions, a batch's journal), stored as one
 * BSON binary holding its encoded form. The database then copies, sizes and compares a byte array instead of walking
 * every element: the embedded server clones, measures and compares each replaced document element by element, and that
 * walk was most of its time for the views writing pages of versions. The view's own code packs and unpacks; nothing
 * filters or sorts on a packed part.
 */
public final class Packed {

    private static final DocumentCodec CODEC = new DocumentCodec();

    private Packed() {
    }

    /** The document as one binary value. */
    public static Binary pack(Document document) {
        return new Binary(encode(document));
    }

    /**
     * The document's BSON form. A BSON document begins with its length, so documents encoded one after another and
     * joined are read back one by one ({@link #unpackAll}): a growing list is packed by appending its newest element.
     */
    public static byte[] encode(Document document) {
        ByteBuffer bytes = new RawBsonDocument(document, CODEC).getByteBuffer().asNIO();
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        return copy;
    }

    /** The documents joined in a binary value ({@link #encode}), in order; none for anything else. */
    public static List<Document> unpackAll(Object value) {
        return rawAll(value).stream().map(raw -> raw.decode(CODEC)).toList();
    }

    /** The documents joined in a binary value, in order, still encoded (to be written as they are). */
    public static List<RawBsonDocument> rawAll(Object value) {
        byte[] bytes = value instanceof Binary binary ? binary.getData()
                : value instanceof BsonBinary binary ? binary.getData() : null;
        List<RawBsonDocument> documents = new ArrayList<>();
        for (int at = 0; bytes != null && at + 4 <= bytes.length; ) {
            int length = ByteBuffer.wrap(bytes, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            documents.add(new RawBsonDocument(bytes, at, length));
            at += length;
        }
        return documents;
    }

    /** The document encoded once, to be written (and journalled) as bytes without encoding it again. */
    public static RawBsonDocument raw(Document document) {
        return new RawBsonDocument(document, CODEC);
    }

    /** The document a value holds: a packed one unpacked, a plain document as it is, null for anything else. */
    public static Document unpack(Object value) {
        if (value instanceof Binary binary) {
            return new RawBsonDocument(binary.getData()).decode(CODEC);
        }
        if (value instanceof BsonBinary binary) {
            return new RawBsonDocument(binary.getData()).decode(CODEC);
        }
        return value instanceof Document document ? document : null;
    }
}
