package vn.xhht.ledger.domain.common;

/** A business rule refused a command or a query. Carries a stable {@link ErrorCode}. */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final String field;
    private final java.util.List<FieldProblem> problems;

    /** One field at fault, for refusals that name several. */
    public record FieldProblem(String field, String message) {
    }

    public DomainException(ErrorCode code, String message, java.util.List<FieldProblem> problems) {
        super(message, null, false, false);
        this.code = code;
        this.field = problems.isEmpty() ? null : problems.get(0).field();
        this.problems = java.util.List.copyOf(problems);
    }

    public DomainException(ErrorCode code, String message) {
        this(code, null, message);
    }

    public DomainException(ErrorCode code, String field, String message) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
        this.problems = field == null ? java.util.List.of() : java.util.List.of(new FieldProblem(field, message));
    }

    /** Every field at fault (possibly none). */
    public java.util.List<FieldProblem> problems() {
        return problems;
    }

    public ErrorCode code() {
        return code;
    }

    /** The request field at fault, when there is one. */
    public String field() {
        return field;
    }
}
