package vn.xhht.ledger.infrastructure.framework;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.framework.CriteriaFramework;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads framework documents (YAML files or JSON bodies) strictly, naming the field at fault, and fingerprints their
 * content so that the same content is never published twice.
 */
public final class FrameworkDocuments {

    private static final ObjectMapper YAML = strict(new ObjectMapper(new YAMLFactory()));
    private static final ObjectMapper JSON = strict(new ObjectMapper());
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
                                                            .addModule(new JavaTimeModule())
                                                            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                                                            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                                                            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                                                            .addMixIn(CriteriaFramework.Indicator.class, HashedIndicator.class)
                                                            .addMixIn(CriteriaFramework.class, HashedFramework.class)
                                                            .build();

    /**
     * An indicator's parts that came with per-level targets count in the content hash only when given, so a
     * document written before them keeps its hash (and is not published again as a new version).
     */
    private abstract static class HashedIndicator {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract CriteriaFramework.IndicatorKind kind();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract java.util.Map<String, java.math.BigDecimal> min();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract java.util.List<String> numerator();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract String denominator();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract java.util.List<String> numeratorDbkk();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract String denominatorDbkk();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract java.util.Map<String, java.math.BigDecimal> minDbkk();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract CriteriaFramework.Prerequisite prerequisite();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract String condition();
    }

    /** The roll-up rules count in the hash only when given (a document written before them keeps its hash). */
    private abstract static class HashedFramework {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract java.util.Map<String, java.util.Map<String, java.math.BigDecimal>> rollup();
    }

    private FrameworkDocuments() {
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                     .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                     .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                     .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public static CriteriaFramework fromYaml(byte[] yaml, String source) {
        return fromYaml(yaml, CriteriaFramework.class, source);
    }

    public static CriteriaFramework fromJson(byte[] json) {
        return fromJson(json, CriteriaFramework.class);
    }

    /** Any data document of the repository (frameworks, the indicator catalogue), read strictly. */
    public static <T> T fromYaml(byte[] yaml, Class<T> type, String source) {
        return read(YAML, yaml, type, source);
    }

    public static <T> T fromJson(byte[] json, Class<T> type) {
        return read(JSON, json, type, "request body");
    }

    private static <T> T read(ObjectMapper mapper, byte[] content, Class<T> type, String source) {
        try {
            T document = mapper.readValue(content, type);
            if (document == null) {
                throw invalid(null, source + " is empty");
            }
            return document;
        } catch (JsonMappingException e) {
            Field field = path(e);
            throw invalid(field, source + ": " + (e.getOriginalMessage() == null ? "invalid" : e.getOriginalMessage()
                                                                                   .lines().findFirst().orElse("invalid")));
        } catch (IOException e) {
            throw invalid(null, source + " is not a readable document: " + e.getMessage());
        }
    }

    /** SHA-256 of the document's canonical JSON, leaving out the version it asks for. */
    public static String contentHash(CriteriaFramework f) {
        CriteriaFramework unversioned = new CriteriaFramework(
                f.code(), null, f.title(), f.subjectTitle(), f.regulation(), f.replaces(), f.effectiveFrom(),
                f.effectiveTo(), f.decision(), f.criteria(), f.thresholds(), f.levels(), f.validityYears(),
                f.upgrade(), f.filingDeadline(), f.authorities(), f.provisional(), f.notes(), f.rollup());
        return contentHash((Object) unversioned);
    }

    /** SHA-256 of a document's canonical JSON (properties and map entries sorted). */
    public static String contentHash(Object document) {
        try {
            byte[] canonical = CANONICAL.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A document refused as a whole ({@code field} null) or at a field of it. */
    private static DomainException invalid(Field field, String message) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, field, message);
    }

    /** Where in the document the reader stopped: its properties, list positions and map keys. */
    private static Field path(JsonMappingException e) {
        Field path = null;
        for (JsonMappingException.Reference reference : e.getPath()) {
            String name = reference.getFieldName();
            if (name != null) {
                boolean property = Field.isPropertyName(name);
                path = path == null ? (property ? Field.of(name) : Field.entry(name))
                        : property ? path.dot(name) : path.key(name);
            } else if (reference.getIndex() >= 0 && path != null) {
                path = path.at(reference.getIndex());
            }
        }
        return path;
    }
}
