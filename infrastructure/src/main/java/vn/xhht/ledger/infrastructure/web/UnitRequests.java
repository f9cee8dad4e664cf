package vn.xhht.ledger.infrastructure.web;

import io.swagger.v3.oas.annotations.media.Schema;

import vn.xhht.ledger.infrastructure.web.input.FreeText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.LocalDate;

/** Bodies of the unit endpoints. No actor field anywhere: the actor is the authenticated principal. */
public final class UnitRequests {
    private UnitRequests() {
    }

    @Schema(description = "Đăng ký đơn vị", example = "{\"id\":\"xa-tan-thong-hoi\",\"name\":\"Xã Tân Thông Hội\",\"kind\":\"COMMUNE\",\"parentId\":\"huyen-cu-chi\",\"validFrom\":\"2020-01-01\"}")
    public record RegisterUnitRequest(@NotNull @Pattern(regexp = Requests.UNIT_ID) String id,
                                      @NotBlank @Size(max = 200) String name,
                                      @NotNull UnitKind kind,
                                      @Pattern(regexp = Requests.UNIT_ID) String parentId,
                                      @NotNull LocalDate validFrom) {
    }

    @Schema(description = "Đổi tên", example = "{\"name\":\"Xã Tân Thông Hội\",\"validFrom\":\"2024-01-01\",\"reason\":\"Theo Nghị quyết 1234/NQ-UBTVQH15\"}")
    public record RenameUnitRequest(@NotBlank @Size(max = 200) String name, @NotNull LocalDate validFrom,
                                    @NotBlank @FreeText @Size(max = 2000) String reason) {
    }

    @Schema(description = "Chuyển đơn vị cấp trên", example = "{\"parentId\":\"tp-ho-chi-minh\",\"validFrom\":\"2025-07-01\",\"reason\":\"Sắp xếp đơn vị hành chính theo Nghị quyết 1656/NQ-UBTVQH15\"}")
    public record MoveUnitRequest(@NotNull @Pattern(regexp = Requests.UNIT_ID) String parentId,
                                  @NotNull LocalDate validFrom, @NotBlank @FreeText @Size(max = 2000) String reason) {
    }

    @Schema(description = "Sáp nhập", example = "{\"intoId\":\"xa-tan-thong-hoi\",\"validFrom\":\"2025-07-01\",\"reason\":\"Sáp nhập theo Nghị quyết 1656/NQ-UBTVQH15\"}")
    public record MergeUnitRequest(@NotNull @Pattern(regexp = Requests.UNIT_ID) String intoId,
                                   @NotNull LocalDate validFrom, @NotBlank @FreeText @Size(max = 2000) String reason) {
    }

    @Schema(description = "Giải thể", example = "{\"validFrom\":\"2025-07-01\",\"reason\":\"Kết thúc hoạt động của đơn vị hành chính cấp huyện theo Luật Tổ chức chính quyền địa phương 2025\"}")
    public record DissolveUnitRequest(@NotNull LocalDate validFrom, @NotBlank @FreeText @Size(max = 2000) String reason) {
    }
}
