package vn.xhht.ledger.infrastructure.upcasting;

import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.framework.FrameworkMessages;
import vn.xhht.ledger.domain.framework.FrameworkMessages.FrameworkVersionPublishedEvent;

/**
 * Reads a framework version of revision 2 (kinds and per-level targets) as revision 3: it names no survey figures,
 * ĐBKK variants, prerequisites or roll-up rules — none of its indicators read a survey — so its content is kept as it
 * is and only the revision moves on. (Revision 1 is read as 3 directly by {@link FrameworkKindsUpcaster}.)
 */
@Component
public class FrameworkSurveyFieldsUpcaster extends RevisionUpcaster {

    public FrameworkSurveyFieldsUpcaster() {
        super("2", FrameworkMessages.PUBLISHED_REVISION, payload -> payload, FrameworkVersionPublishedEvent.class);
    }
}
