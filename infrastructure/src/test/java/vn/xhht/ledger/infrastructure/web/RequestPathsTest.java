package vn.xhht.ledger.infrastructure.web;

import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.Field;

import static org.assertj.core.api.Assertions.assertThat;

class RequestPathsTest {

    @Test
    void aCommandsFieldIsFoundInTheBodyByTheSameSteps() {
        assertThat(RequestPaths.of(Field.of("scores").at(2).dot("numerator"))).isEqualTo("scores[2].numerator");
        assertThat(RequestPaths.of(Field.of("tasks").at(0).dot("coordinatingUnitIds").at(3)))
                .isEqualTo("tasks[0].coordinatingUnitIds[3]");
        assertThat(RequestPaths.of(Field.of("period.from"))).isEqualTo("period.from");
    }

    @Test
    void aMapsKeyIsAPropertyOfTheBodyUnlessItIsNotACode() {
        assertThat(RequestPaths.of(Field.of("figures").key("people15to60LiterateL2")))
                .isEqualTo("figures.people15to60LiterateL2");
        assertThat(RequestPaths.of(Field.of("criteria").key("KH163.DVHT-1"))).isEqualTo("criteria.KH163.DVHT-1");
        assertThat(RequestPaths.of(Field.of("rollup").key("Xã \"mới\""))).isEqualTo("rollup[\"Xã \\\"mới\\\"\"]");
        assertThat(RequestPaths.of(Field.entry("Tiêu chí 1").dot("code"))).isEqualTo("[\"Tiêu chí 1\"].code");
    }

    @Test
    void noFieldIsNoPath() {
        assertThat(RequestPaths.of(null)).isNull();
    }
}
