package vn.xhht.ledger.infrastructure.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Writes a JSON tree as text with exactly the break wanted: a field's value replaced by raw text (which may be no
 * valid JSON at all), a field left out, a field written twice, or a field added ({@code /name\u0001extra}).
 */
final class RawJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXTRA = "\u0001extra";

    private RawJson() {
    }

    static byte[] write(JsonNode node, Map<String, String> raw, Set<String> removed, Set<String> repeated) {
        StringBuilder out = new StringBuilder();
        write(node, "", raw, removed, repeated, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonNode node, String at, Map<String, String> raw, Set<String> removed,
                              Set<String> repeated, StringBuilder out) {
        if (raw.containsKey(at)) {
            out.append(raw.get(at));
        } else if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, String> added : raw.entrySet()) {
                String key = added.getKey();
                if (key.endsWith(EXTRA) && key.lastIndexOf('/') == at.length() && key.startsWith(at)) {
                    out.append('"').append(key, at.length() + 1, key.length() - EXTRA.length()).append("\":")
                       .append(added.getValue());
                    first = false;
                }
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String path = at + "/" + field.getKey();
                if (removed.contains(path)) {
                    continue;
                }
                for (int copy = 0; copy < (repeated.contains(path) ? 2 : 1); copy++) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    out.append(text(field.getKey())).append(':');
                    write(field.getValue(), path, raw, removed, repeated, out);
                }
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            boolean first = true;
            for (int i = 0; i < node.size(); i++) {
                String path = at + "/" + i;
                if (removed.contains(path)) {
                    continue;
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(node.get(i), path, raw, removed, repeated, out);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    private static String text(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
