package vn.xhht.ledger.infrastructure.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.xhht.ledger.domain.reporting.ReportingMessages.Progress;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReportContent;
import vn.xhht.ledger.domain.reporting.ReportingMessages.ReportedFigure;
import vn.xhht.ledger.domain.reporting.ReportingMessages.TaskProgress;
import vn.xhht.ledger.infrastructure.web.input.FreeText;

import java.util.List;

/** Bodies of the reporting endpoints. */
public final class ReportingRequests {
    private ReportingRequests() {
    }

    public record FigureBody(@NotNull @Pattern(regexp = Requests.INDICATOR_CODE) String indicator,
                             @NotNull @Min(0) @Max(1_000_000_000_000L) Long numerator,
                             @NotNull @Min(0) @Max(1_000_000_000_000L) Long denominator) {
        ReportedFigure toFigure() {
            return new ReportedFigure(indicator, numerator, denominator);
        }
    }

    public record TaskProgressBody(@NotNull @Size(max = 64) String taskId, @NotNull Progress progress,
                                   @Min(0) @Max(100) Integer percent, @FreeText @Size(max = 4000) String narrative) {
        TaskProgress toProgress() {
            return new TaskProgress(taskId, progress, percent, narrative);
        }
    }

    @Schema(description = "Báo cáo thực hiện kế hoạch", example = "{\"figures\":[{\"indicator\":\"HOUSEHOLDS_TITLED\",\"numerator\":420,\"denominator\":700}],\"tasks\":[],\"narrative\":\"Kết quả 6 tháng đầu năm\",\"difficulties\":\"Kinh phí còn hạn chế\",\"proposals\":\"Đề nghị bổ sung kinh phí\"}")
    public record SubmitReportRequest(@Size(max = 100) List<@NotNull @Valid FigureBody> figures,
                                      @Size(max = 200) List<@NotNull @Valid TaskProgressBody> tasks,
                                      @FreeText @Size(max = 20_000) String narrative,
                                      @FreeText @Size(max = 10_000) String difficulties,
                                      @FreeText @Size(max = 10_000) String proposals) {
        ReportContent toContent() {
            return new ReportContent(PlanRequests.map(figures, FigureBody::toFigure),
                                     PlanRequests.map(tasks, TaskProgressBody::toProgress),
                                     blankToNull(narrative), blankToNull(difficulties), blankToNull(proposals));
        }

        private static String blankToNull(String text) {
            return text == null || text.isBlank() ? null : text.strip();
        }
    }
}
