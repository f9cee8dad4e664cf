package vn.xhht.ledger.infrastructure.web.input;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text field that may span lines and hold tabs (a reason, evidence, a task's content). Every other text field of a
 * request body is one line ({@link InputRules.Lines}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface FreeText {
}
