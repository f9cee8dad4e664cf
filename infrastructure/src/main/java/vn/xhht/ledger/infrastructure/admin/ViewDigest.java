package vn.xhht.ledger.infrastructure.admin;

import org.bson.types.Binary;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;

/**
 * A view document's fingerprint for comparing a rebuilt view with the live one without holding either in memory:
 * the first 16 bytes of a SHA-256 over the document in a canonical form — fields in name order (two equal documents
 * can hold their fields in different orders, as {@code Document.equals} allows), every value tagged with its type
 * (an Integer 1 and a Long 1 differ, as they do for {@code Document.equals}).
 */
record ViewDigest(long high, long low) {

    /** For collections compared by identity only. */
    static final ViewDigest NONE = new ViewDigest(0, 0);

    static ViewDigest of(Object document) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        feed(sha, document);
        ByteBuffer hash = ByteBuffer.wrap(sha.digest());
        return new ViewDigest(hash.getLong(), hash.getLong());
    }

    private static void feed(MessageDigest sha, Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, field) -> sorted.put(String.valueOf(key), field));
            text(sha, "{" + sorted.size());
            sorted.forEach((key, field) -> {
                text(sha, key);
                feed(sha, field);
            });
        } else if (value instanceof Collection<?> list) {
            text(sha, "[" + list.size());
            list.forEach(element -> feed(sha, element));
        } else if (value instanceof byte[] bytes) {
            text(sha, "b" + Arrays.toString(bytes));
        } else if (value instanceof Binary binary) {
            text(sha, "B" + binary.getType() + ":" + binary.getData().length);
            sha.update(binary.getData()); // a packed part of a view document: its bytes as they are
        } else if (value instanceof Date date) {
            text(sha, "d" + date.getTime()); // Date.toString drops the milliseconds
        } else {
            text(sha, value == null ? "null" : value.getClass().getName() + ":" + value);
        }
    }

    private static void text(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }
}
