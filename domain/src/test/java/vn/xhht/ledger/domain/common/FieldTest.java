package vn.xhht.ledger.domain.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldTest {

    @Test
    void canNameAPropertyOfAnItemOfAList() {
        Field field = Field.of("scores").at(2).dot("numerator");

        assertThat(field.steps()).containsExactly(new Field.Property("scores"), new Field.Position(2),
                                                  new Field.Property("numerator"));
        assertThat(field).isEqualTo(Field.of("scores").at(2).dot("numerator")).isNotEqualTo(Field.of("scores"));
    }

    @Test
    void canNameANestedPropertyByItsDottedName() {
        assertThat(Field.of("period.from")).isEqualTo(Field.of("period").dot("from"));
    }

    @Test
    void canNameAnEntryOfAMapByAnyKey() {
        Field field = Field.of("figures").key("Xã mới (2025)");

        assertThat(field.steps()).containsExactly(new Field.Property("figures"), new Field.Key("Xã mới (2025)"));
        assertThat(field).isNotEqualTo(Field.of("figures").dot("people"));
    }

    @Test
    void cannotWriteARequestPathIntoAName() {
        assertThatThrownBy(() -> Field.of("scores[2].numerator")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Field.of("scores").dot("[2]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Field.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Field.of("scores").at(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void canBeReadInALogWithoutLookingLikeARequestPath() {
        assertThat(Field.of("scores").at(2).key("MUC_1")).hasToString("scores → 2 → 'MUC_1'");
    }

    @Test
    void aRefusalNamesTheFieldsAtFault() {
        DomainException one = new DomainException(ErrorCode.VALIDATION_FAILED, "title", "Required");
        DomainException none = new DomainException(ErrorCode.PLAN_ALREADY_CLOSED, "Closed");

        assertThat(one.field()).isEqualTo(Field.of("title"));
        assertThat(one.problems()).containsExactly(new DomainException.FieldProblem(Field.of("title"), "Required"));
        assertThat(none.field()).isNull();
        assertThat(none.problems()).isEmpty();
    }
}
