package vn.xhht.ledger.infrastructure.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * How many awards of each form a deciding unit may give for one occasion of a movement ({@code xhht.awards.quotas},
 * e.g. {@code GIAY_KHEN: 20}); a form not listed has no quota. Configuration, not data: Nghị định 98/2023 leaves the
 * numbers to each level (DOMAIN-2 §2, uncertain).
 */
@Component
@ConfigurationProperties(prefix = "xhht.awards")
public class AwardQuotas {

    private Map<String, Integer> quotas = new HashMap<>();

    public Map<String, Integer> getQuotas() {
        return quotas;
    }

    public void setQuotas(Map<String, Integer> quotas) {
        this.quotas = quotas;
    }

    Map<String, Integer> byForm() {
        return quotas;
    }
}
