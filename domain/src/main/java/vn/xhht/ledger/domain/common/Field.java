package vn.xhht.ledger.domain.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A field of a command or a document that a rule refuses, named the way the domain names it: properties, the
 * position of an item in a list, the key of an entry in a map. The domain never writes a request's path; the web
 * layer renders a field for the request it came from (a JSON body's path, an imported sheet's column, a framework
 * file's key).
 */
public final class Field {

    /** One step into the command: a property, a list position or a map key. */
    public sealed interface Step permits Property, Position, Key {
    }

    /** A property of the record it is on. */
    public record Property(String name) implements Step {
        public Property {
            if (!isPropertyName(name)) {
                throw new IllegalArgumentException("A property is named by an identifier, not '" + name + "'");
            }
        }
    }

    /** The item at a position of a list, counted from 0. */
    public record Position(int index) implements Step {
        public Position {
            if (index < 0) {
                throw new IllegalArgumentException("A position is 0 or more");
            }
        }
    }

    /** The entry of a map under a key (any text: an indicator's code, a unit kind, a level). */
    public record Key(String key) implements Step {
        public Key {
            Objects.requireNonNull(key, "key");
        }
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final List<Step> steps;

    private Field(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * A property of the command, or a property of a property with the names joined by dots ({@code period.from}).
     * A list position or a map key is never written into a name: use {@link #at} and {@link #key}.
     */
    public static Field of(String name) {
        Objects.requireNonNull(name, "name");
        List<Step> steps = new ArrayList<>();
        for (String part : name.split("\\.", -1)) {
            steps.add(new Property(part));
        }
        return new Field(steps);
    }

    /** The entry under {@code key} of a document that is a map (a framework file's top level, for one). */
    public static Field entry(String key) {
        return new Field(List.of(new Key(key)));
    }

    /** Whether {@code name} can name a property (an identifier); anything else is a map key. */
    public static boolean isPropertyName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** A property of this field's value. */
    public Field dot(String name) {
        return with(new Property(name));
    }

    /** The item at {@code index} of this list. */
    public Field at(int index) {
        return with(new Position(index));
    }

    /** The entry under {@code key} of this map. */
    public Field key(String key) {
        return with(new Key(key));
    }

    public List<Step> steps() {
        return steps;
    }

    private Field with(Step step) {
        List<Step> more = new ArrayList<>(steps);
        more.add(step);
        return new Field(more);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Field field && field.steps.equals(steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }

    /** For logs and test messages: {@code scores → 2 → numerator}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Step step : steps) {
            if (!text.isEmpty()) {
                text.append(" → ");
            }
            if (step instanceof Property property) {
                text.append(property.name());
            } else if (step instanceof Position position) {
                text.append(position.index());
            } else {
                text.append('\'').append(((Key) step).key()).append('\'');
            }
        }
        return text.toString();
    }
}
