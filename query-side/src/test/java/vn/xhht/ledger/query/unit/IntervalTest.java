package vn.xhht.ledger.query.unit;

import org.junit.jupiter.api.Test;
import vn.xhht.ledger.query.unit.UnitRecord.Interval;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The stretch algebra of "ever in a subtree": a unit counts for the time both it sat under a parent and the parent was in. */
class IntervalTest {

    private static Interval stretch(String from, String to) {
        return new Interval(LocalDate.parse(from), to == null ? null : LocalDate.parse(to));
    }

    @Test
    void aCommuneThatLeftOnlyCountsUntilItLeft() {
        List<Interval> commune = List.of(stretch("2020-01-01", "2025-07-01"));
        List<Interval> village = List.of(stretch("2020-01-01", null));

        assertThat(Interval.intersection(commune, village)).containsExactly(stretch("2020-01-01", "2025-07-01"));
    }

    @Test
    void aVillageThatJoinedAfterTheCommuneLeftNeverCounts() {
        List<Interval> commune = List.of(stretch("2020-01-01", "2025-07-01"));
        List<Interval> village = List.of(stretch("2026-01-01", null));

        assertThat(Interval.intersection(commune, village)).isEmpty();
        assertThat(Interval.intersection(commune, List.of(stretch("2025-07-01", null)))).as("ends are open").isEmpty();
    }

    @Test
    void stretchesThatTouchOrOverlapAreJoinedAndOpenEndsWin() {
        assertThat(Interval.union(List.of(stretch("2022-01-01", "2023-01-01")),
                                  List.of(stretch("2020-01-01", "2022-01-01"), stretch("2024-01-01", null))))
                .containsExactly(stretch("2020-01-01", "2023-01-01"), stretch("2024-01-01", null));
        assertThat(Interval.union(List.of(stretch("2020-01-01", null)), List.of(stretch("2021-01-01", "2022-01-01"))))
                .containsExactly(stretch("2020-01-01", null));
        assertThat(Interval.intersection(List.of(Interval.ALWAYS), List.of(stretch("2021-01-01", "2022-01-01"))))
                .containsExactly(stretch("2021-01-01", "2022-01-01"));
    }
}
