package vn.xhht.ledger.infrastructure.web.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.json.Jackson2JsonDecoder;
import org.springframework.util.MimeType;
import vn.xhht.ledger.domain.common.ErrorCode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * The JSON decoder of request bodies: before Jackson maps a body to its request record, the body is checked as a
 * whole against {@link InputRules} — strict UTF-8 (no overlong forms, no encoded surrogates), each object's fields
 * named once, every string and field name well-formed text without control characters (line breaks are judged per
 * field later, by {@link InputRulesModule}), every number within bounds. The first problem is a {@code 400} naming
 * the field by its JSON path; nothing reaches a command.
 */
public class StrictJsonDecoder extends Jackson2JsonDecoder {

    private static final JsonFactory CHECKING = JsonFactory.builder()
                                                           .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                                                           .build();

    public StrictJsonDecoder(ObjectMapper mapper) {
        super(mapper);
    }

    @Override
    public Object decode(DataBuffer dataBuffer, ResolvableType targetType, MimeType mimeType,
                         Map<String, Object> hints) throws DecodingException {
        int start = dataBuffer.readPosition();
        byte[] bytes = new byte[dataBuffer.readableByteCount()];
        dataBuffer.read(bytes);
        dataBuffer.readPosition(start);
        try {
            check(bytes);
        } catch (InputRuleException refused) {
            DataBufferUtils.release(dataBuffer);
            throw new DecodingException("JSON decoding error: " + refused.getOriginalMessage(), refused);
        }
        return super.decode(dataBuffer, targetType, mimeType, hints);
    }

    /**
     * Checks a whole JSON body; answers normally when it keeps every rule. Also for endpoints that read their body
     * as bytes (a framework document).
     */
    public static void check(byte[] bytes) throws InputRuleException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                         .onUnmappableCharacter(CodingErrorAction.REPORT)
                                         .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InputRuleException(ErrorCode.INVALID_TEXT, "", "The body is not valid UTF-8");
        }
        try (JsonParser parser = CHECKING.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case FIELD_NAME -> checkText(parser.currentName(), parser, "field name");
                    case VALUE_STRING -> checkText(parser.getText(), parser, null);
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        String problem = InputRules.numberProblem(parser.getText());
                        if (problem != null) {
                            throw new InputRuleException(ErrorCode.INVALID_NUMBER, path(parser.getParsingContext()),
                                                         "The number " + problem);
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (InputRuleException refused) {
            throw refused;
        } catch (JsonParseException malformed) {
            String message = malformed.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field")) {
                throw new InputRuleException(ErrorCode.DUPLICATE_FIELD, path(malformed.getProcessor() == null ? null
                        : ((JsonParser) malformed.getProcessor()).getParsingContext()), message);
            }
            // anything else malformed is left for Jackson's own answer (400 MALFORMED_REQUEST)
        } catch (IOException e) {
            // idem
        }
    }

    private static void checkText(String text, JsonParser parser, String what) throws InputRuleException {
        String problem = InputRules.textProblem(text, InputRules.Lines.FREE);
        if (problem != null) {
            String field = path(parser.getParsingContext());
            throw new InputRuleException(ErrorCode.INVALID_TEXT, field,
                                         (what == null ? (field.isEmpty() ? "The value" : field) : "A " + what) + " " + problem);
        }
    }

    /** The JSON path of the parser's current position, as error fields name it ({@code tasks[1].content}). */
    static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                parts.push("[" + Math.max(at.getCurrentIndex(), 0) + "]");
            } else if (at.inObject() && at.getCurrentName() != null) {
                parts.push("." + at.getCurrentName());
            }
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }
}
