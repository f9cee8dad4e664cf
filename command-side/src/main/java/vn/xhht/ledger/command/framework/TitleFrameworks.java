package vn.xhht.ledger.command.framework;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.FrameworkMessages;
import vn.xhht.ledger.domain.framework.FrameworkMessages.TitleFrameworkRegisteredEvent;

import java.time.LocalDate;
import java.util.Optional;

/** Which framework governs a title on a day, as the command side needs it for a recognition without assessment. */
@Component
public class TitleFrameworks {

    private final Repository<TitleFrameworksAggregate> titles;

    public TitleFrameworks(Repository<TitleFrameworksAggregate> titles) {
        this.titles = titles;
    }

    /** Records a published framework version under its title (nothing when it already is). */
    public void register(CriteriaFramework framework) throws Exception {
        if (framework.subjectTitle() == null) {
            return;
        }
        String id = FrameworkMessages.titleFrameworksId(framework.subjectTitle());
        titles.loadOrCreate(id, () -> new TitleFrameworksAggregate(framework.subjectTitle()))
              .execute(t -> t.register(framework));
    }

    /** The framework governing {@code title} on {@code day}, if one does. */
    public Optional<TitleFrameworkRegisteredEvent> inForceOn(String title, LocalDate day) {
        try {
            return titles.load(FrameworkMessages.titleFrameworksId(title)).invoke(t -> t.inForceOn(day));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}
