package vn.xhht.ledger.infrastructure.web.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import vn.xhht.ledger.domain.common.ErrorCode;

import java.io.IOException;
import java.time.LocalDate;

/**
 * The field-by-field part of {@link InputRules} for request bodies: every text property is checked as one line
 * unless marked {@link FreeText}, and normalised to NFC; every date must lie in the accepted range.
 */
public class InputRulesModule extends SimpleModule {

    public InputRulesModule() {
        super("xhht-input-rules");
        addDeserializer(String.class, new TextDeserializer(InputRules.Lines.ONE));
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return description.getBeanClass() == LocalDate.class ? new RangedDateDeserializer(deserializer)
                        : deserializer;
            }
        });
    }

    /** Text read by Jackson's own rules (types, coercion), then held to ours. */
    static final class TextDeserializer extends StdScalarDeserializer<String> implements ContextualDeserializer {

        private final InputRules.Lines lines;

        TextDeserializer(InputRules.Lines lines) {
            super(String.class);
            this.lines = lines;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            boolean free = property != null && (property.getAnnotation(FreeText.class) != null
                    || property.getContextAnnotation(FreeText.class) != null);
            InputRules.Lines wanted = free ? InputRules.Lines.FREE : InputRules.Lines.ONE;
            return wanted == lines ? this : new TextDeserializer(wanted);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text == null || parser.currentToken() != JsonToken.VALUE_STRING) {
                return text;
            }
            String problem = InputRules.textProblem(text, lines);
            if (problem != null) {
                String field = parser.currentName() == null ? "" : parser.currentName();
                throw new InputRuleException(ErrorCode.INVALID_TEXT, field, "The text " + problem);
            }
            return InputRules.normalised(text);
        }
    }

    /**
     * Dates as Jackson's own date deserializer reads them (whatever it becomes per property), then held to
     * {@link InputRules#FIRST_DATE} … {@link InputRules#LAST_DATE}.
     */
    static final class RangedDateDeserializer extends DelegatingDeserializer {

        RangedDateDeserializer(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new RangedDateDeserializer(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object date = super.deserialize(parser, context);
            if (date instanceof LocalDate day && !InputRules.inRange(day)) {
                String field = parser.currentName() == null ? "" : parser.currentName();
                throw new InputRuleException(ErrorCode.DATE_OUT_OF_RANGE, field, InputRules.dateRangeMessage("The date"));
            }
            return date;
        }
    }
}
