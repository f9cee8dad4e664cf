package vn.xhht.ledger.domain.common;

import java.util.List;

/**
 * A business rule refused a command or a query. Carries a stable {@link ErrorCode} and the {@link Field}s at fault,
 * named as the domain names them (the web layer renders them for the request).
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldProblem> problems;

    /** One field at fault, for refusals that name several. */
    public record FieldProblem(Field field, String message) {
    }

    public DomainException(ErrorCode code, String message, List<FieldProblem> problems) {
        super(message, null, false, false);
        this.code = code;
        this.problems = List.copyOf(problems);
    }

    public DomainException(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    public DomainException(ErrorCode code, Field field, String message) {
        this(code, message, field == null ? List.of() : List.of(new FieldProblem(field, message)));
    }

    /** A refusal of one property of the command ({@link Field#of}: {@code title}, {@code period.from}). */
    public DomainException(ErrorCode code, String property, String message) {
        this(code, property == null ? null : Field.of(property), message);
    }

    /** Every field at fault (possibly none). */
    public List<FieldProblem> problems() {
        return problems;
    }

    public ErrorCode code() {
        return code;
    }

    /** The (first) field at fault, when there is one. */
    public Field field() {
        return problems.isEmpty() ? null : problems.get(0).field();
    }
}
