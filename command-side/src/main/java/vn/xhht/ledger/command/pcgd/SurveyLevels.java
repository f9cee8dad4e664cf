package vn.xhht.ledger.command.pcgd;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.command.framework.Frameworks;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.pcgd.PcgdMessages;
import vn.xhht.ledger.domain.pcgd.Standards;
import vn.xhht.ledger.domain.pcgd.Survey;

import java.util.Optional;

/**
 * The levels a commune's survey of a data year reaches under a standard, as the command side needs them to recognise a
 * level: the survey from its aggregate, the standard and those it stands on (its prerequisites) at their latest
 * versions.
 */
@Component
public class SurveyLevels {

    private final Repository<SurveyAggregate> surveys;
    private final Frameworks frameworks;

    public SurveyLevels(Repository<SurveyAggregate> surveys, Frameworks frameworks) {
        this.surveys = surveys;
        this.frameworks = frameworks;
    }

    /** The levels reached, or empty when the commune has no survey for that year. */
    public Optional<Standards.Outcome> of(String unitId, int year, CriteriaFramework standard) {
        Survey survey;
        try {
            survey = surveys.load(PcgdMessages.surveyId(unitId, year)).invoke(SurveyAggregate::survey);
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
        if (survey == null) {
            return Optional.empty();
        }
        return Optional.of(Standards.evaluateWith(standard, survey, code -> frameworks.version(code, null)));
    }
}
