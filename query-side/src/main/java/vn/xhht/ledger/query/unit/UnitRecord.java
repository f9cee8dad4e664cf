package vn.xhht.ledger.query.unit;

import vn.xhht.ledger.domain.unit.UnitKind;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitView;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the read side keeps of a unit: its name and parent as effective-dated timelines (valid time), so the
 * unit can be shown as it stood on any date, whatever order the changes were recorded in.
 */
record UnitRecord(String id, UnitKind kind, LocalDate validFrom, LocalDate mergedFrom, String mergedInto,
                  List<Dated> names, List<Dated> parents, long version) {

    /** A value in force from a date until the next entry of its timeline. */
    record Dated(LocalDate from, String value) {
    }

    /** A stretch of time [from, to) during which the unit sat under one parent; {@code to} null: open. */
    record Interval(LocalDate from, LocalDate to) {
        boolean contains(LocalDate date) {
            return !date.isBefore(from) && (to == null || date.isBefore(to));
        }

        /** Always: the membership of the unit a subtree starts from. */
        static final Interval ALWAYS = new Interval(LocalDate.MIN, null);

        /** The stretches of time in both {@code a} and {@code b}. */
        static List<Interval> intersection(List<Interval> a, List<Interval> b) {
            List<Interval> result = new ArrayList<>();
            for (Interval x : a) {
                for (Interval y : b) {
                    LocalDate from = x.from.isAfter(y.from) ? x.from : y.from;
                    LocalDate to = x.to == null ? y.to : y.to == null ? x.to : x.to.isBefore(y.to) ? x.to : y.to;
                    if (to == null || from.isBefore(to)) {
                        result.add(new Interval(from, to));
                    }
                }
            }
            return union(result, List.of());
        }

        /** The stretches of time in {@code a} or {@code b}, sorted, with touching stretches joined. */
        static List<Interval> union(List<Interval> a, List<Interval> b) {
            List<Interval> all = new ArrayList<>(a);
            all.addAll(b);
            all.sort(Comparator.comparing(Interval::from));
            List<Interval> result = new ArrayList<>();
            for (Interval next : all) {
                Interval last = result.isEmpty() ? null : result.get(result.size() - 1);
                if (last != null && (last.to == null || !next.from.isAfter(last.to))) {
                    LocalDate to = last.to == null || next.to == null ? null
                            : next.to.isAfter(last.to) ? next.to : last.to;
                    result.set(result.size() - 1, new Interval(last.from, to));
                } else {
                    result.add(next);
                }
            }
            return result;
        }
    }

    static UnitRecord registered(String id, String name, UnitKind kind, String parentId, LocalDate validFrom,
                                 long version) {
        return new UnitRecord(id, kind, validFrom, null, null, List.of(new Dated(validFrom, name)),
                              List.of(new Dated(validFrom, parentId)), version);
    }

    UnitRecord renamed(String name, LocalDate from, long version) {
        return new UnitRecord(id, kind, validFrom, mergedFrom, mergedInto, with(names, from, name), parents, version);
    }

    UnitRecord moved(String parentId, LocalDate from, long version) {
        return new UnitRecord(id, kind, validFrom, mergedFrom, mergedInto, names, with(parents, from, parentId),
                              version);
    }

    UnitRecord merged(String intoId, LocalDate from, long version) {
        return new UnitRecord(id, kind, validFrom, from, intoId, names, parents, version);
    }

    boolean existsOn(LocalDate date) {
        return !date.isBefore(validFrom) && (mergedFrom == null || date.isBefore(mergedFrom));
    }

    String nameOn(LocalDate date) {
        return valueOn(names, date);
    }

    String parentOn(LocalDate date) {
        return valueOn(parents, date);
    }

    /**
     * The unit as it stood on {@code date}. After a merge it is shown as it was on its last day, with the date it
     * ended and the unit it went into.
     */
    UnitView viewOn(LocalDate date) {
        LocalDate shown = mergedFrom != null && !date.isBefore(mergedFrom) ? mergedFrom.minusDays(1) : date;
        return new UnitView(id, nameOn(shown), kind, parentOn(shown), validFrom, mergedFrom, mergedInto, version);
    }

    /** For each parent the unit ever had, the stretches of time it sat under it. */
    Map<String, List<Interval>> intervalsByParent() {
        List<Dated> timeline = new ArrayList<>(parents);
        timeline.sort(Comparator.comparing(Dated::from));
        Map<String, List<Interval>> result = new LinkedHashMap<>();
        for (int i = 0; i < timeline.size(); i++) {
            Dated entry = timeline.get(i);
            LocalDate end = i + 1 < timeline.size() ? timeline.get(i + 1).from() : mergedFrom;
            if (mergedFrom != null && !entry.from().isBefore(mergedFrom)) {
                break;
            }
            if (end != null && mergedFrom != null && end.isAfter(mergedFrom)) {
                end = mergedFrom;
            }
            if (entry.value() == null) {
                continue;
            }
            List<Interval> intervals = result.computeIfAbsent(entry.value(), k -> new ArrayList<>());
            Interval last = intervals.isEmpty() ? null : intervals.get(intervals.size() - 1);
            if (last != null && Objects.equals(last.to(), entry.from())) {
                intervals.set(intervals.size() - 1, new Interval(last.from(), end));
            } else {
                intervals.add(new Interval(entry.from(), end));
            }
        }
        return result;
    }

    List<String> allParents() {
        return parents.stream().map(Dated::value).filter(Objects::nonNull).distinct().toList();
    }

    private static String valueOn(List<Dated> timeline, LocalDate date) {
        Dated best = null;
        for (Dated entry : timeline) {
            if (!entry.from().isAfter(date) && (best == null || !entry.from().isBefore(best.from()))) {
                best = entry;
            }
        }
        return best == null ? null : best.value();
    }

    private static List<Dated> with(List<Dated> timeline, LocalDate from, String value) {
        List<Dated> result = new ArrayList<>();
        for (Dated entry : timeline) {
            if (!entry.from().equals(from)) {
                result.add(entry);
            }
        }
        result.add(new Dated(from, value));
        result.sort(Comparator.comparing(Dated::from));
        return List.copyOf(result);
    }
}
