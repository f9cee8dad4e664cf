package vn.xhht.ledger.command.unit;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.common.Field;
import vn.xhht.ledger.domain.unit.UnitCommands.DissolveUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.MergeUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.MoveUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.RegisterUnitCommand;
import vn.xhht.ledger.domain.unit.UnitCommands.RenameUnitCommand;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitMergedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitMovedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitRenamedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitDissolvedEvent;
import vn.xhht.ledger.domain.unit.UnitEvents.UnitRegisteredEvent;
import vn.xhht.ledger.domain.unit.UnitKind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * A unit's own rules, given/when/then: registered, renamed, moved and merged with a reason on days it exists, a
 * district dissolved by the 2025 reform once nothing remains under it. The policies that read other units are
 * stubbed here ({@code UnitPlacementsTest} runs them over real units).
 */
class UnitAggregateTest {

    private static final LocalDate FROM = LocalDate.of(2020, 1, 1);
    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    private static final UnitRegisteredEvent DISTRICT = new UnitRegisteredEvent("cu-chi", "Huyện Củ Chi", UnitKind.DISTRICT,
                                                                                "hcm", FROM);

    private FixtureConfiguration<UnitAggregate> fixture;
    /** The units under a unit on a date, as the placement policy finds them. */
    private final List<String> children = new ArrayList<>();
    /** The moves the placement policy made to follow merges and take children along. */
    private final List<String> followed = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UnitAggregate.class);
        fixture.registerInjectableResource(new UnitPlacements(null, null) {
            @Override
            public void requireParent(String unitId, UnitKind kind, String parentId, LocalDate on, Field field) {
                if ("nowhere".equals(parentId)) {
                    throw new DomainException(ErrorCode.UNKNOWN_UNIT, field, "Unit nowhere does not exist on " + on);
                }
            }

            @Override
            public void requireMergeTarget(String unitId, UnitKind kind, String intoId, LocalDate on) {
                if (intoId.equals(unitId)) {
                    throw new DomainException(ErrorCode.INVALID_HIERARCHY, "intoId", "A unit cannot be merged into itself");
                }
            }

            @Override
            void followMerges(Placed unit, String parentId, LocalDate from) {
                followed.add(unit.id() + " under " + parentId + " from " + from);
            }

            @Override
            void takeChildrenAlong(String unitId, String intoId, LocalDate from) {
                followed.add("children of " + unitId + " into " + intoId + " from " + from);
            }

            @Override
            List<String> childrenOn(String unitId, LocalDate on) {
                return children;
            }

            @Override
            void endUnder(String unitId, LocalDate from) {
                followed.add(unitId + " ends on its register from " + from);
            }

            @Override
            void recordUnder(String parentId, String unitId) {
                if (parentId != null) {
                    followed.add(unitId + " recorded under " + parentId);
                }
            }
        });
    }

    @Test
    void canRegisterAUnitUnderItsParentRecordedInTheParentsRegisterFollowingTheParentsLaterMerges() {
        fixture.givenNoPriorActivity()
               .when(new RegisterUnitCommand("cu-chi", "Huyện Củ Chi", UnitKind.DISTRICT, "hcm", FROM))
               .expectEvents(DISTRICT)
               .expectResultMessagePayload(0L);
        org.assertj.core.api.Assertions.assertThat(followed)
                .containsExactly("cu-chi recorded under hcm", "cu-chi under hcm from " + FROM);
    }

    @Test
    void cannotRegisterAUnitUnderAParentThatDoesNotExistThen() {
        fixture.givenNoPriorActivity()
               .when(new RegisterUnitCommand("cu-chi", "Huyện Củ Chi", UnitKind.DISTRICT, "nowhere", FROM))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.UNKNOWN_UNIT));
    }

    @Test
    void canRenameAUnitFromADayWithAReasonAndTheSameNameStoresNothing() {
        fixture.given(DISTRICT)
               .when(new RenameUnitCommand("cu-chi", "Huyện Củ Chi mới", REFORM, "Đổi tên", null))
               .expectEvents(new UnitRenamedEvent("cu-chi", "Huyện Củ Chi mới", "Huyện Củ Chi", REFORM, "Đổi tên"));
        fixture.given(DISTRICT)
               .when(new RenameUnitCommand("cu-chi", "Huyện Củ Chi", REFORM, "Đổi tên", null))
               .expectNoEvents();
    }

    @Test
    void cannotRenameAUnitBeforeItStartedOrChangedSinceTheVersionGiven() {
        fixture.given(DISTRICT)
               .when(new RenameUnitCommand("cu-chi", "Tên", FROM.minusDays(1), "Đổi tên", null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.INVALID_VALID_FROM));
        fixture.given(DISTRICT, new UnitRenamedEvent("cu-chi", "Tên 2", "Huyện Củ Chi", REFORM, "Đổi"))
               .when(new RenameUnitCommand("cu-chi", "Tên 3", REFORM, "Đổi tên", 0L))
               .expectException(org.axonframework.modelling.command.ConflictingAggregateVersionException.class);
    }

    @Test
    void canMoveAUnitUnderAnotherParentWithAReasonRecordedInThatParentsRegister() {
        fixture.given(DISTRICT)
               .when(new MoveUnitCommand("cu-chi", "hcm-2", REFORM, "Điều chỉnh địa giới", null))
               .expectEvents(new UnitMovedEvent("cu-chi", "hcm-2", "hcm", REFORM, "Điều chỉnh địa giới"));
        org.assertj.core.api.Assertions.assertThat(followed).startsWith("cu-chi recorded under hcm-2");
    }

    @Test
    void canMergeAUnitTakingItsChildrenAlongAndMarkingItsEndOnItsRegister() {
        fixture.given(DISTRICT)
               .when(new MergeUnitCommand("cu-chi", "hcm", REFORM, "Sắp xếp 2025", null))
               .expectEvents(new UnitMergedEvent("cu-chi", "hcm", REFORM, "Sắp xếp 2025"));
        org.assertj.core.api.Assertions.assertThat(followed).containsExactly(
                "children of cu-chi into hcm from " + REFORM, "cu-chi ends on its register from " + REFORM);
    }

    @Test
    void cannotMergeAUnitIntoItselfOrOnTheDayItStarted() {
        fixture.given(DISTRICT)
               .when(new MergeUnitCommand("cu-chi", "cu-chi", REFORM, "Sai", null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.INVALID_HIERARCHY));
        fixture.given(DISTRICT)
               .when(new MergeUnitCommand("cu-chi", "hcm", FROM, "Sai", null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.INVALID_VALID_FROM));
    }

    @Test
    void cannotDissolveAUnitWhileUnitsRemainUnderItThatDay() {
        children.add("tan-thong-hoi");
        fixture.given(DISTRICT)
               .when(new DissolveUnitCommand("cu-chi", REFORM, "Kết thúc cấp huyện", null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.UNIT_HAS_CHILDREN
                       && ((DomainException) e).getMessage().contains("tan-thong-hoi")));
    }

    @Test
    void canDissolveADistrictWhoseCommunesHaveMovedMarkingItsEndOnItsRegister() {
        fixture.given(DISTRICT)
               .when(new DissolveUnitCommand("cu-chi", REFORM, "Kết thúc cấp huyện", null))
               .expectEvents(new UnitDissolvedEvent("cu-chi", REFORM, "Kết thúc cấp huyện"));
        org.assertj.core.api.Assertions.assertThat(followed).containsExactly("cu-chi ends on its register from " + REFORM);
    }

    @Test
    void cannotDissolveAUnitWithoutAReason() {
        fixture.given(DISTRICT)
               .when(new DissolveUnitCommand("cu-chi", REFORM, " ", null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.REASON_REQUIRED));
    }

    @Test
    void cannotDissolveAUnitOnTheDayItStarted() {
        fixture.given(DISTRICT)
               .when(new DissolveUnitCommand("cu-chi", FROM, "Kết thúc", null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.INVALID_VALID_FROM));
    }

    @Test
    void cannotDissolveAUnitTwice() {
        fixture.given(DISTRICT, new UnitDissolvedEvent("cu-chi", REFORM, "Kết thúc cấp huyện"))
               .when(new DissolveUnitCommand("cu-chi", REFORM.plusDays(1), "Lần nữa", null))
               .expectException(predicate(e -> ((DomainException) e).code() == ErrorCode.UNIT_DISSOLVED));
    }

}
