package vn.xhht.ledger.command.pcgd;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.command.framework.Frameworks;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.CriteriaFramework.IndicatorKind;
import vn.xhht.ledger.domain.pcgd.PcgdMessages;
import vn.xhht.ledger.domain.pcgd.Standards;
import vn.xhht.ledger.domain.pcgd.Survey;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
        Map<String, Set<String>> reached = new HashMap<>();
        return Optional.of(evaluate(standard, survey, reached, 0));
    }

    private Standards.Outcome evaluate(CriteriaFramework standard, Survey survey, Map<String, Set<String>> reached, int depth) {
        if (depth < 8) {
            standard.indicators().stream()
                    .filter(i -> standard.kindOf(i) == IndicatorKind.PREREQUISITE)
                    .map(i -> i.prerequisite().framework())
                    .filter(code -> !code.equals(standard.code()) && !reached.containsKey(code))
                    .distinct()
                    .forEach(code -> reached.put(code, new LinkedHashSet<>(
                            evaluate(frameworks.version(code, null), survey, reached, depth + 1).reached())));
        }
        return Standards.evaluate(standard, survey, code -> reached.getOrDefault(code, Set.of()));
    }
}
