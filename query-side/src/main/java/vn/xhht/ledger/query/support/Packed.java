package vn.xhht.ledger.query.support;

import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Binary;
import org.bson.Document;

import java.io.ByteArrayOutputStream;
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
        byte[] bytes = value instanceof Binary binary ? binary.getData() : null;
        List<RawBsonDocument> documents = new ArrayList<>();
        for (int at = 0; bytes != null && at + 4 <= bytes.length; at += length(bytes, at)) {
            documents.add(new RawBsonDocument(bytes, at, length(bytes, at)));
        }
        return documents;
    }

    /** The length of the document encoded at {@code at}: a BSON document begins with it. */
    private static int length(byte[] bytes, int at) {
        return ByteBuffer.wrap(bytes, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    /** The document encoded once, to be written (and journalled) as bytes without encoding it again. */
    public static RawBsonDocument raw(Document document) {
        return new RawBsonDocument(document, CODEC);
    }

    /**
     * Documents packed one after another in one binary value ({@link #encode}), appended to without encoding again what
     * is there: a page of versions or of history entries grows by its newest element's bytes, and is decoded only when
     * read.
     */
    public static final class Sequence {

        /** About the size of one element: room left for the next when a sequence's bytes are made. */
        private static final int ELEMENT_BYTES = 64;

        private final ByteArrayOutputStream bytes;
        private int size;
        /** The last element, still encoded; null when empty. */
        private RawBsonDocument last;

        private Sequence(ByteArrayOutputStream bytes, int size, RawBsonDocument last) {
            this.bytes = bytes;
            this.size = size;
            this.last = last;
        }

        public static Sequence empty() {
            return new Sequence(new ByteArrayOutputStream(ELEMENT_BYTES), 0, null);
        }

        /**
         * The sequence a stored binary value holds (empty for anything else), sized to what it holds: its elements are
         * counted by their lengths, none decoded.
         */
        public static Sequence of(Object stored) {
            byte[] data = stored instanceof Binary binary ? binary.getData() : new byte[0];
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length + ELEMENT_BYTES);
            bytes.writeBytes(data);
            int size = 0;
            int lastAt = -1;
            for (int at = 0; at + 4 <= data.length; at += length(data, at)) {
                lastAt = at;
                size++;
            }
            return new Sequence(bytes, size, lastAt < 0 ? null : new RawBsonDocument(data, lastAt, length(data, lastAt)));
        }

        public void append(Document document) {
            byte[] encoded = encode(document);
            bytes.writeBytes(encoded);
            last = new RawBsonDocument(encoded);
            size++;
        }

        public int size() {
            return size;
        }

        /** The stored form. */
        public Binary binary() {
            return new Binary(bytes.toByteArray());
        }

        public List<Document> documents() {
            return unpackAll(binary());
        }

        /** The last element, decoding that one only; null when empty. */
        public Document last() {
            return last == null ? null : last.decode(CODEC);
        }
    }

    /** The document a packed value holds; null for anything else. */
    public static Document unpack(Object value) {
        return value instanceof Binary binary ? new RawBsonDocument(binary.getData()).decode(CODEC) : null;
    }
}
