package vn.xhht.ledger.command.unit;

import vn.xhht.ledger.command.support.ViewLookup;
import vn.xhht.ledger.domain.unit.UnitKind;
import vn.xhht.ledger.domain.unit.UnitQueries.FetchUnitChildrenQuery;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitChildrenView;
import vn.xhht.ledger.domain.unit.UnitQueries.UnitView;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The unit view as a test sets it: the units it lists under any unit (the handler checks each on its aggregate). */
final class ListedChildren extends ViewLookup {

    final List<String> ids = new ArrayList<>();

    ListedChildren() {
        super(null, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> ask(Object query, Class<T> type, String what) {
        FetchUnitChildrenQuery children = (FetchUnitChildrenQuery) query;
        return Optional.of((T) new UnitChildrenView(children.unitId(), children.on(), ids.stream()
                .map(id -> new UnitView(id, id, UnitKind.COMMUNE, children.unitId(), LocalDate.of(2020, 1, 1), null, null, 0))
                .toList()));
    }
}
