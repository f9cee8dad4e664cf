package vn.xhht.ledger.infrastructure.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Reads the payloads of some event types stored at one revision ({@code null}: stored without one) as a later
 * revision: {@code change} fills what the later revision adds (identity where absent fields read as null already
 * mean what the old events meant). The stored event stays as it was; only what is read moves on.
 */
abstract class RevisionUpcaster extends SingleEventUpcaster {

    private final Set<String> types;
    private final String from;
    private final String to;
    private final UnaryOperator<JsonNode> change;

    protected RevisionUpcaster(String from, String to, UnaryOperator<JsonNode> change, Class<?>... types) {
        this.types = Arrays.stream(types).map(Class::getName).collect(Collectors.toUnmodifiableSet());
        this.from = from;
        this.to = to;
        this.change = change;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return types.contains(representation.getType().getName())
                && Objects.equals(from, representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(representation.getType().getName(), to),
                                            JsonNode.class, change::apply);
    }
}
