package vn.xhht.ledger.infrastructure.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Converts Jackson trees to BSON values and back, so that event payloads are stored as readable BSON
 * documents rather than opaque strings.
 * <p>
 * A tree whose field names MongoDB would not store safely (empty, starting with {@code $}, containing
 * {@code .} or NUL) is reported as not convertible; the caller then stores the JSON text instead.
 */
final class BsonJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BsonJson() {
    }

    /** Whether every field name in the tree is safe to store as a BSON document key. */
    static boolean storableAsBson(JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (name.isEmpty() || name.charAt(0) == '$' || name.indexOf('.') >= 0 || name.indexOf('\0') >= 0
                        || !storableAsBson(field.getValue())) {
                    return false;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (!storableAsBson(element)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The BSON value (Document, List, String, Number, Boolean, Binary or null) for a JSON tree. */
    static Object toBson(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT: {
                Document document = new Document();
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    document.put(wellFormed(field.getKey()), toBson(field.getValue()));
                }
                return document;
            }
            case ARRAY: {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(toBson(element));
                }
                return list;
            }
            case STRING:
                return wellFormed(node.textValue());
            case BOOLEAN:
                return node.booleanValue();
            case NUMBER:
                if (node.isInt()) {
                    return node.intValue();
                }
                if (node.isLong()) {
                    return node.longValue();
                }
                if (node.isDouble() || node.isFloat()) {
                    return node.doubleValue();
                }
                // BigInteger and BigDecimal keep their exact value.
                return new Decimal128(node.decimalValue());
            case BINARY:
                try {
                    return new Binary(node.binaryValue());
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException(e);
                }
            case NULL:
            case MISSING:
            default:
                if (node.isPojo()) {
                    throw new IllegalArgumentException("POJO nodes cannot be stored: " + node);
                }
                return null;
        }
    }

    /** The text, if it is well-formed UTF-16 (so that its UTF-8 in BSON reads back as the same text). */
    static String wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new UnstorableTextException("an unpaired surrogate at character " + i);
            }
        }
        return text;
    }

    /** The JSON tree for a BSON value read back from the driver. */
    static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Document document) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<String, Object> entry : document.entrySet()) {
                object.set(entry.getKey(), toJson(entry.getValue()));
            }
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            for (Object element : list) {
                array.add(toJson(element));
            }
            return array;
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Decimal128 decimal) {
            BigDecimal big = decimal.bigDecimalValue();
            if (big.scale() <= 0) {
                try {
                    BigInteger integer = big.toBigIntegerExact();
                    return NODES.numberNode(integer);
                } catch (ArithmeticException ignored) {
                    // fall through to decimal
                }
            }
            return NODES.numberNode(big);
        }
        if (value instanceof Binary binary) {
            return NODES.binaryNode(binary.getData());
        }
        if (value instanceof Date date) {
            return NODES.numberNode(date.getTime());
        }
        return NODES.textNode(value.toString());
    }
}
