package vn.xhht.ledger.infrastructure.upcasting;

import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.indicator.IndicatorMessages;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.IndicatorCataloguePublishedEvent;

/**
 * Reads an indicator catalogue published before quantities could name a level (no revision) as revision 2: none of
 * its title-holders quantities counted by level, so its content is kept as it is and only the revision moves on.
 */
@Component
public class IndicatorLevelsUpcaster extends RevisionUpcaster {

    public IndicatorLevelsUpcaster() {
        super(null, IndicatorMessages.PUBLISHED_REVISION, payload -> payload, IndicatorCataloguePublishedEvent.class);
    }
}
