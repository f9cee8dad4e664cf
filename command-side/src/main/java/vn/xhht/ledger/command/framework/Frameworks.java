package vn.xhht.ledger.command.framework;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.ErrorCode;
import vn.xhht.ledger.domain.framework.CriteriaFramework;

/** Framework versions as the command side needs them: the rules an assessment is judged by. */
@Component
public class Frameworks {

    private final Repository<FrameworkAggregate> frameworks;

    public Frameworks(Repository<FrameworkAggregate> frameworks) {
        this.frameworks = frameworks;
    }

    /** The version asked for, or the latest when {@code version} is null. */
    public CriteriaFramework version(String code, Integer version) {
        try {
            return frameworks.load(code).invoke(f -> f.version(version)).orElseThrow(() -> unknown(code, version));
        } catch (AggregateNotFoundException e) {
            throw unknown(code, version);
        }
    }

    private static DomainException unknown(String code, Integer version) {
        return new DomainException(ErrorCode.UNKNOWN_FRAMEWORK, version == null ? "framework" : "frameworkVersion",
                                   "No framework " + code + (version == null ? "" : " version " + version));
    }
}
