package vn.xhht.ledger.infrastructure.web.input;

import com.fasterxml.jackson.databind.JsonMappingException;
import vn.xhht.ledger.domain.common.ErrorCode;

/**
 * A body refused by {@link InputRules} while it is read, with the stable code to answer and the field at fault
 * (Jackson adds the path as the exception travels out of nested objects).
 */
public class InputRuleException extends JsonMappingException {

    private final ErrorCode code;
    private final String field;

    public InputRuleException(ErrorCode code, String field, String message) {
        super(null, message);
        this.code = code;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    /** The field as the JSON path to it ({@code scores[2].evidence}). */
    public String field() {
        return getPath().isEmpty() ? field : pathOf(this);
    }

    /** The JSON path Jackson recorded for a mapping failure ({@code tasks[1].content}). */
    public static String pathOf(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
