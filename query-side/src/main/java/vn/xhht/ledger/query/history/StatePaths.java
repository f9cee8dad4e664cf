package vn.xhht.ledger.query.history;

import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An aggregate's state as the fields its events set, flattened to paths: {@code name}, {@code period.from},
 * {@code targets[HOUSEHOLDS_TITLED].target} — list elements are named by their key field ({@code indicator},
 * {@code criterion}, {@code code}, {@code id}, {@code unitId}) when they have one, so a changed target shows as that
 * target's value changing rather than as a whole new list. An event's field replaces everything the state held under
 * it. Fields that only describe the event ({@code reason}, {@code previous…}) are not state.
 */
public final class StatePaths {

    private static final List<String> KEY_FIELDS = List.of("indicator", "criterion", "code", "id", "unitId");

    public record PathChange(String path, Object before, Object after) {
    }

    private final Map<String, Object> values = new LinkedHashMap<>();

    /** The state as a view keeps it: a list of {@code {k: path, v: value}} (paths hold dots, which BSON keys may not). */
    public List<Document> toDocuments() {
        List<Document> documents = new ArrayList<>(values.size());
        values.forEach((path, value) -> documents.add(new Document("k", path).append("v", value)));
        return documents;
    }

    /** The state a view kept with {@link #toDocuments()}; empty for null. */
    public static StatePaths fromDocuments(List<Document> documents) {
        StatePaths state = new StatePaths();
        if (documents != null) {
            documents.forEach(document -> state.values.put(document.getString("k"), document.get("v")));
        }
        return state;
    }

    public void apply(Document payload) {
        for (Map.Entry<String, Object> field : payload.entrySet()) {
            if (isState(field.getKey())) {
                values.keySet().removeIf(path -> under(path, field.getKey()));
                flatten(field.getKey(), field.getValue(), values);
            }
        }
    }

    /** For each state field the payload sets: the paths whose value differs before and after it. */
    public List<PathChange> changesBy(Document payload) {
        List<PathChange> changes = new ArrayList<>();
        for (Map.Entry<String, Object> field : payload.entrySet()) {
            if (!isState(field.getKey())) {
                continue;
            }
            Map<String, Object> after = new LinkedHashMap<>();
            flatten(field.getKey(), field.getValue(), after);
            Set<String> paths = new LinkedHashSet<>();
            values.keySet().stream().filter(path -> under(path, field.getKey())).forEach(paths::add);
            paths.addAll(after.keySet());
            for (String path : paths) {
                Object old = values.get(path);
                Object now = after.get(path);
                if (!same(old, now)) {
                    changes.add(new PathChange(path, old, now));
                }
            }
        }
        apply(payload);
        return changes;
    }

    private static boolean isState(String field) {
        return !field.equals("reason") && !field.startsWith("previous");
    }

    private static boolean under(String path, String field) {
        return path.equals(field) || path.startsWith(field + ".") || path.startsWith(field + "[");
    }

    private static void flatten(String path, Object value, Map<String, Object> into) {
        if (value instanceof Document document) {
            if (document.isEmpty()) {
                into.put(path, Map.of());
            }
            document.forEach((key, inner) -> flatten(path + "." + key, inner, into));
        } else if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(StatePaths::keyed)) {
            for (Object element : list) {
                Document document = (Document) element;
                String key = KEY_FIELDS.stream().filter(document::containsKey).findFirst().orElseThrow();
                flatten(path + "[" + document.get(key) + "]", document, into);
            }
        } else {
            into.put(path, value);
        }
    }

    private static boolean keyed(Object element) {
        return element instanceof Document document && KEY_FIELDS.stream().anyMatch(
                key -> document.get(key) instanceof String || document.get(key) instanceof Number);
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Decimal128 x && b instanceof Decimal128 y) {
            return x.bigDecimalValue().compareTo(y.bigDecimalValue()) == 0;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString())) == 0;
        }
        return Objects.equals(plain(a), plain(b));
    }

    /** A BSON value as JSON-ready Java: decimals as BigDecimal, dates as instants, documents as maps. */
    public static Object plain(Object value) {
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Binary binary) {
            return Base64.getEncoder().encodeToString(binary.getData());
        }
        if (value instanceof Document document) {
            Map<String, Object> map = new LinkedHashMap<>();
            document.forEach((key, inner) -> map.put(key, plain(inner)));
            return map;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(StatePaths::plain).toList();
        }
        return value;
    }
}
