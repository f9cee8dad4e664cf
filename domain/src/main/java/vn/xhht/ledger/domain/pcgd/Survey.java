package vn.xhht.ledger.domain.pcgd;

import java.util.Map;

/**
 * A commune's universal-education and literacy survey for a data year (DOMAIN-2 §1.3): the figures by name
 * ({@code children5}, {@code people15to60LiterateL2}, …), whether the commune is especially difficult (ĐBKK) that year,
 * and per standard whether its resource conditions are met.
 */
public record Survey(Map<String, Long> figures, boolean dbkk, Map<String, Boolean> conditionsMet) {

    public Survey {
        figures = figures == null ? Map.of() : Map.copyOf(figures);
        conditionsMet = conditionsMet == null ? Map.of() : Map.copyOf(conditionsMet);
    }
}
