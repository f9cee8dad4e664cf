package vn.xhht.ledger.infrastructure.web;

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

    public record RegisterUnitRequest(@NotNull @Pattern(regexp = Requests.UNIT_ID) String id,
                                      @NotBlank @Size(max = 200) String name,
                                      @NotNull UnitKind kind,
                                      @Pattern(regexp = Requests.UNIT_ID) String parentId,
                                      @NotNull LocalDate validFrom) {
    }

    public record RenameUnitRequest(@NotBlank @Size(max = 200) String name, @NotNull LocalDate validFrom,
                                    @NotBlank @FreeText @Size(max = 2000) String reason) {
    }

    public record MoveUnitRequest(@NotNull @Pattern(regexp = Requests.UNIT_ID) String parentId,
                                  @NotNull LocalDate validFrom, @NotBlank @FreeText @Size(max = 2000) String reason) {
    }

    public record MergeUnitRequest(@NotNull @Pattern(regexp = Requests.UNIT_ID) String intoId,
                                   @NotNull LocalDate validFrom, @NotBlank @FreeText @Size(max = 2000) String reason) {
    }
}
