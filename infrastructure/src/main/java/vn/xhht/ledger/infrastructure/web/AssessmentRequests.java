package vn.xhht.ledger.infrastructure.web;

import io.swagger.v3.oas.annotations.media.Schema;

import vn.xhht.ledger.infrastructure.web.input.FreeText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.xhht.ledger.domain.assessment.AssessmentMessages;

import java.math.BigDecimal;
import java.util.List;

/** Bodies of the assessment endpoints. */
public final class AssessmentRequests {
    private AssessmentRequests() {
    }

    public static final String CODE = "[A-Z0-9][A-Z0-9._-]{0,63}";

    /** One indicator's value, of its kind: {@code points}, {@code met}, {@code numerator} + {@code denominator}, or {@code count}. */
    @Schema(description = "Giá trị của một chỉ số, theo loại của chỉ số: points (điểm), met (đạt/không đạt), "
                          + "numerator + denominator (tỷ lệ), hoặc count (số lượng)")
    public record ScoreBody(@NotNull @Pattern(regexp = CODE) String indicator, BigDecimal points, Boolean met,
                            @FreeText @Size(max = 2000) String evidence, BigDecimal numerator, BigDecimal denominator,
                            BigDecimal count) {
        AssessmentMessages.Score toScore() {
            return new AssessmentMessages.Score(indicator, points, met, evidence, numerator, denominator, count);
        }
    }

    @Schema(description = "Mở bản tự đánh giá", example = "{\"subjectUnitId\":\"xa-tan-thong-hoi\",\"framework\":\"TT22-2020-DVHT\",\"year\":2023}")
    public record OpenAssessmentRequest(@NotNull @Pattern(regexp = Requests.UNIT_ID) String subjectUnitId,
                                        @NotNull @Pattern(regexp = CODE) String framework,
                                        @Min(1) Integer frameworkVersion,
                                        @NotNull @Min(2000) @Max(2100) Integer year,
                                        @Pattern(regexp = CODE) String level,
                                        @Size(max = 200) List<@NotNull @Valid ScoreBody> scores) {
    }

    @Schema(description = "Điểm tự đánh giá", example = "{\"scores\":[{\"indicator\":\"TC1.1\",\"points\":8,\"evidence\":\"Kế hoạch số 12/KH-UBND\"}]}")
    public record ScoresRequest(@NotNull @Size(max = 200) List<@NotNull @Valid ScoreBody> scores) {
    }

    public record AdjustmentBody(@NotNull @Pattern(regexp = CODE) String indicator, BigDecimal points, Boolean met,
                                 @NotBlank @FreeText @Size(max = 2000) String reason, BigDecimal numerator,
                                 BigDecimal denominator, BigDecimal count) {
        AssessmentMessages.Adjustment toAdjustment() {
            return new AssessmentMessages.Adjustment(indicator, points, met, reason, numerator, denominator, count);
        }
    }

    public record ConclusionBody(@NotNull @Pattern(regexp = CODE) String result, @Pattern(regexp = CODE) String level) {
    }

    @Schema(description = "Thẩm định", example = "{\"adjustments\":[{\"indicator\":\"TC1.1\",\"points\":7,\"reason\":\"Minh chứng chưa đầy đủ\"}],\"conclusion\":{\"result\":\"CHUA_DAT\"}}")
    public record ReviewRequest(@Size(max = 200) List<@NotNull @Valid AdjustmentBody> adjustments,
                                @NotNull @Valid ConclusionBody conclusion) {
    }
}
