package vn.xhht.ledger.infrastructure.web;

import io.swagger.v3.oas.annotations.media.Schema;

import vn.xhht.ledger.infrastructure.web.input.FreeText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.xhht.ledger.domain.plan.Period;
import vn.xhht.ledger.domain.plan.PlanContent;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Bodies of the plan endpoints. */
public final class PlanRequests {
    private PlanRequests() {
    }

    public record PeriodBody(@NotNull LocalDate from, @NotNull LocalDate to) {
        Period toPeriod() {
            return new Period(from, to);
        }
    }

    public record TargetBody(@NotNull @Pattern(regexp = Requests.INDICATOR_CODE) String indicator,
                             @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal target,
                             @Size(max = 100) String scope) {
        PlanContent.Target toTarget() {
            return new PlanContent.Target(indicator, target, scope);
        }
    }

    /** {@code taskId}: only on an amendment, to keep a task's id (a task listed without one is matched by content). */
    public record TaskBody(@Pattern(regexp = UUID) String taskId,
                           @NotBlank @FreeText @Size(max = 2000) String content,
                           @Pattern(regexp = Requests.UNIT_ID) String leadUnitId,
                           @Size(max = 50) List<@NotNull @Pattern(regexp = Requests.UNIT_ID) String> coordinatingUnitIds,
                           @Size(max = 200) String timeframe) {
        PlanContent.Task toTask() {
            return new PlanContent.Task(taskId, content, leadUnitId, coordinatingUnitIds, timeframe);
        }
    }

    /**
     * A reporting deadline. {@code reporterUnitIds}: the units that report (default: every unit directly under the
     * issuer when the plan is issued); {@code kind} and {@code recurrence} ({@code YEARLY}) are optional.
     */
    public record DeadlineBody(@Pattern(regexp = UUID) String deadlineId,
                               @NotBlank @FreeText @Size(max = 500) String what, @NotNull LocalDate due,
                               PlanContent.DeadlineKind kind,
                               @Size(max = 500) List<@NotNull @Pattern(regexp = Requests.UNIT_ID) String> reporterUnitIds,
                               PlanContent.Recurrence recurrence) {
        PlanContent.Deadline toDeadline() {
            return new PlanContent.Deadline(deadlineId, what, due, kind, reporterUnitIds, recurrence);
        }
    }

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Schema(description = "Kế hoạch (bản nháp)", example = "{\"issuerUnitId\":\"huyen-cu-chi\",\"number\":\"163/KH-UBND\",\"title\":\"Kế hoạch xây dựng xã hội học tập năm 2023\",\"issuedOn\":\"2023-02-01\",\"period\":{\"from\":\"2023-01-01\",\"to\":\"2023-12-31\"},\"basis\":[\"Quyết định 1373/QĐ-TTg ngày 30/7/2021\"],\"targets\":[{\"indicator\":\"HOUSEHOLDS_TITLED\",\"target\":0.6}],\"tasks\":[{\"content\":\"Tuyên truyền, nâng cao nhận thức về xây dựng xã hội học tập\",\"leadUnitId\":\"huyen-cu-chi\",\"coordinatingUnitIds\":[\"xa-tan-thong-hoi\"],\"timeframe\":\"Quý I/2023\"}],\"deadlines\":[{\"what\":\"Báo cáo sơ kết 6 tháng\",\"due\":\"2023-06-20\"}]}")
    public record CreatePlanRequest(@NotNull @Pattern(regexp = Requests.UNIT_ID) String issuerUnitId,
                                    @NotBlank @Size(max = 100) String number,
                                    @NotBlank @Size(max = 500) String title,
                                    @NotNull LocalDate issuedOn,
                                    @NotNull @Valid PeriodBody period,
                                    @Size(max = 50) List<@NotBlank @Size(max = 300) String> basis,
                                    @Size(max = 100) List<@NotNull @Valid TargetBody> targets,
                                    @Size(max = 200) List<@NotNull @Valid TaskBody> tasks,
                                    @Size(max = 50) List<@NotNull @Valid DeadlineBody> deadlines) {
    }

    @Schema(description = "Điều chỉnh kế hoạch", example = "{\"targets\":[{\"indicator\":\"HOUSEHOLDS_TITLED\",\"target\":0.65}],\"reason\":\"Điều chỉnh chỉ tiêu theo kết quả sơ kết 6 tháng\"}")
    public record AmendPlanRequest(@Size(max = 100) List<@NotNull @Valid TargetBody> targets,
                                   @Size(max = 200) List<@NotNull @Valid TaskBody> tasks,
                                   @Size(max = 50) List<@NotNull @Valid DeadlineBody> deadlines,
                                   @NotBlank @FreeText @Size(max = 2000) String reason) {
    }

    /** Close and reopen: only the reason. */
    @Schema(description = "Lý do", example = "{\"reason\":\"Chốt số liệu năm 2023\"}")
    public record ReasonRequest(@NotBlank @FreeText @Size(max = 2000) String reason) {
    }

    static <T, R> List<R> map(List<T> items, java.util.function.Function<T, R> mapper) {
        return items == null ? null : items.stream().map(mapper).toList();
    }
}
