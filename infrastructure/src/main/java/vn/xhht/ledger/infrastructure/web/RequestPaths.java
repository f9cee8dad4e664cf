package vn.xhht.ledger.infrastructure.web;

import java.util.regex.Pattern;
import vn.xhht.ledger.domain.common.Field;

/**
 * The path in a request of a field the domain refused. Request bodies mirror the commands they become, so a
 * command's field is found in the body by the same steps: properties joined by dots, a list position in brackets,
 * a map key as a property ({@code scores[2].numerator}, {@code figures.people15to60LiterateL2}); a key that is
 * not a plain code is quoted ({@code rollup["Xã mới"]}).
 */
public final class RequestPaths {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_.-]+");

    private RequestPaths() {
    }

    /** The field's path in a JSON request body; null for none. */
    public static String of(Field field) {
        if (field == null) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (Field.Step step : field.steps()) {
            if (step instanceof Field.Position position) {
                path.append('[').append(position.index()).append(']');
            } else {
                String name = step instanceof Field.Property property ? property.name() : ((Field.Key) step).key();
                if (step instanceof Field.Key && !PLAIN_KEY.matcher(name).matches()) {
                    path.append("[\"").append(name.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
                } else {
                    path.append(path.isEmpty() ? "" : ".").append(name);
                }
            }
        }
        return path.toString();
    }
}
