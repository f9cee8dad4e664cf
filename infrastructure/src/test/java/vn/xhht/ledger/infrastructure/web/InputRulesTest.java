package vn.xhht.ledger.infrastructure.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.infrastructure.web.RequestRefusedException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.infrastructure.web.input.InputRules;
import vn.xhht.ledger.infrastructure.web.input.InputRules.Lines;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputRulesTest {

    @Test
    void vietnameseTextIsAcceptedAndStoredInNormalisationFormC() {
        String decomposed = "Cu\u0309 Chi"; // u + combining hook above
        assertThat(InputRules.text(decomposed, Lines.ONE, "name")).isEqualTo("Củ Chi");
        assertThat(InputRules.text("Xã Tân Thông Hội 😀", Lines.ONE, "name")).isEqualTo("Xã Tân Thông Hội 😀");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A\uD800B", "A\uDC00", "\uD83D", "x\uFFFE", "x\uFDD0", "\uDBFF\uDFFF"})
    void textThatIsNotWellFormedUnicodeOrANoncharacterIsRefused(String text) {
        assertThatThrownBy(() -> InputRules.text(text, Lines.FREE, "name"))
                .isInstanceOfSatisfying(RequestRefusedException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TEXT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "a\u0007b", "\u001B[31m", "\u007F", "\u0085", "\u009B"})
    void controlCharactersAreRefusedEvenInFreeText(String text) {
        assertThatThrownBy(() -> InputRules.text(text, Lines.FREE, "reason")).isInstanceOf(RequestRefusedException.class);
    }

    @Test
    void tabsAndLineBreaksAreAllowedInFreeTextOnly() {
        assertThat(InputRules.text("dòng 1\n\tdòng 2\r\n", Lines.FREE, "reason")).isEqualTo("dòng 1\n\tdòng 2\r\n");
        assertThatThrownBy(() -> InputRules.text("Xã\nMới", Lines.ONE, "name")).isInstanceOf(RequestRefusedException.class);
        assertThatThrownBy(() -> InputRules.text("Xã\tMới", Lines.ONE, "name")).isInstanceOf(RequestRefusedException.class);
    }

    @Test
    void datesLieBetween1945And2100() {
        assertThat(InputRules.date(LocalDate.of(1945, 1, 1), "d")).isNotNull();
        assertThat(InputRules.date(LocalDate.of(2100, 12, 31), "d")).isNotNull();
        assertThatThrownBy(() -> InputRules.date(LocalDate.of(1944, 12, 31), "d"))
                .isInstanceOfSatisfying(RequestRefusedException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATE_OUT_OF_RANGE));
        assertThatThrownBy(() -> InputRules.date(LocalDate.of(2101, 1, 1), "d")).isInstanceOf(RequestRefusedException.class);
        assertThatThrownBy(() -> InputRules.date(LocalDate.MAX, "d")).isInstanceOf(RequestRefusedException.class);
        assertThatThrownBy(() -> InputRules.instant(Instant.parse("2101-01-01T00:00:00Z"), "asOf")).isInstanceOf(RequestRefusedException.class);
        assertThat(InputRules.instant(Instant.parse("2100-12-31T23:59:59Z"), "asOf")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "-5", "0.35", "1e3", "999999999999", "123456789012345678901234567890"})
    void numbersOfTheProgrammesSizeAreAccepted(String written) {
        assertThat(InputRules.numberProblem(written)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "1e-999999999", "0e999999999", "1234567890123456789012345678901",
                            "1e31", "1E+400"})
    void numbersBeyondAnyQuantityAreRefused(String written) {
        assertThat(InputRules.numberProblem(written)).isNotNull();
    }
}
