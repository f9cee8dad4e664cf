package vn.xhht.ledger.infrastructure.config;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import vn.xhht.ledger.domain.framework.IndicatorValue;
import vn.xhht.ledger.infrastructure.web.input.InputRulesModule;
import vn.xhht.ledger.infrastructure.web.input.StrictJsonDecoder;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;

/** How request bodies are read, beyond the {@code spring.jackson.*} properties. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    /**
     * A number or a boolean sent for a text field is a wrong type: Jackson would otherwise turn {@code 5} into
     * {@code "5"} and {@code true} into {@code "true"} (an id, a name, a reason) and the request would be accepted.
     * Likewise an empty string is not a missing number, date or enum.
     */
    @Bean
    public Jackson2ObjectMapperBuilderCustomizer strictText() {
        return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                                                                 .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                                                 .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                                                 .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                                 // "" is not "no value" for a number, a date or an enum
                                 .postConfigurer(mapper -> {
                                     for (LogicalType type : new LogicalType[]{LogicalType.Integer, LogicalType.Float,
                                             LogicalType.DateTime, LogicalType.Enum, LogicalType.Boolean}) {
                                         mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.EmptyString,
                                                                                    CoercionAction.Fail);
                                     }
                                 });
    }

    /**
     * An assessment's values are typed ({@link IndicatorValue.Shown}); the API writes points, met and counts as the
     * bare number or boolean, a ratio as {@code {numerator, denominator}}.
     */
    @Bean
    public Jackson2ObjectMapperBuilderCustomizer shownValues() {
        return builder -> builder.mixIn(IndicatorValue.Points.class, PointsShown.class)
                                 .mixIn(IndicatorValue.Met.class, MetShown.class)
                                 .mixIn(IndicatorValue.Count.class, CountShown.class);
    }

    private interface PointsShown {
        @JsonValue
        BigDecimal points();
    }

    private interface MetShown {
        @JsonValue
        boolean met();
    }

    private interface CountShown {
        @JsonValue
        BigDecimal count();
    }

    /** Text and dates in request bodies held to {@code InputRules} (one line unless free text, NFC, 1945–2100). */
    @Bean
    public InputRulesModule inputRulesModule() {
        return new InputRulesModule();
    }

    /**
     * Request bodies are decoded by {@link StrictJsonDecoder} (UTF-8, fields named once, text and numbers checked
     * as a whole). Runs after Spring Boot's own Jackson customizer, which it replaces, keeping its limits.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    public CodecCustomizer strictJsonDecoder(ObjectMapper mapper) {
        return configurer -> configurer.defaultCodecs().jackson2JsonDecoder(new StrictJsonDecoder(mapper));
    }
}
