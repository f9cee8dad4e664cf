package vn.xhht.ledger.infrastructure.config;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
}
