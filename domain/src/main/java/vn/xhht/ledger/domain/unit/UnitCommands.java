package vn.xhht.ledger.domain.unit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.LocalDate;

/**
 * Commands on units. The actor of each comes from the command's metadata, never from here; {@code expectedVersion}
 * (from {@code If-Match}) refuses a command on a unit changed since.
 */
public final class UnitCommands {
    private UnitCommands() {
    }

    public record RegisterUnitCommand(@TargetAggregateIdentifier String unitId, String name, UnitKind kind, String parentId,
                                      LocalDate validFrom) {
    }

    public record RenameUnitCommand(@TargetAggregateIdentifier String unitId, String name, LocalDate validFrom, String reason,
                                    @TargetAggregateVersion Long expectedVersion) {
    }

    public record MoveUnitCommand(@TargetAggregateIdentifier String unitId, String parentId, LocalDate validFrom, String reason,
                                  @TargetAggregateVersion Long expectedVersion) {
    }

    public record MergeUnitCommand(@TargetAggregateIdentifier String unitId, String intoId, LocalDate validFrom, String reason,
                                   @TargetAggregateVersion Long expectedVersion) {
    }

    /** Ends the unit from {@code validFrom}; refused while units remain under it on that date. */
    public record DissolveUnitCommand(@TargetAggregateIdentifier String unitId, LocalDate validFrom, String reason,
                                      @TargetAggregateVersion Long expectedVersion) {
    }

    /**
     * Records in a parent's register a unit placed under it before registers were kept (the start-up migration of an
     * older store sends one per placement found in the log); a placement already recorded stores nothing.
     */
    public record RecordUnitChildCommand(@TargetAggregateIdentifier String registerId, String parentId, String childId) {
        public RecordUnitChildCommand(String parentId, String childId) {
            this(UnitEvents.childrenRegisterId(parentId), parentId, childId);
        }
    }
}
