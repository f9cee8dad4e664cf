package vn.xhht.ledger.infrastructure.framework;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.PublishResult;
import vn.xhht.ledger.domain.indicator.IndicatorCatalogue;
import vn.xhht.ledger.domain.indicator.IndicatorMessages.PublishIndicatorCatalogueCommand;
import vn.xhht.ledger.infrastructure.web.Commands;

import java.io.IOException;

/**
 * At start-up, publishes the indicator catalogue ({@code indicators/*.yml}, packaged in the jar, overridden by the
 * files of {@code xhht.indicators.dir}) when it is new or changed, never twice.
 */
@Component
@Order(0)
public class IndicatorCatalogueFiles implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(IndicatorCatalogueFiles.class);

    private final Commands commands;
    private final String directory;

    public IndicatorCatalogueFiles(Commands commands, @Value("${xhht.indicators.dir:./indicators}") String directory) {
        this.commands = commands;
        this.directory = directory;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        FrameworkFiles.files("indicators", directory).forEach(this::publish);
    }

    private void publish(String name, byte[] content) {
        String source = "indicators/" + name;
        try {
            IndicatorCatalogue catalogue = FrameworkDocuments.fromYaml(content, IndicatorCatalogue.class, source);
            IndicatorCatalogue unversioned = new IndicatorCatalogue(catalogue.code(), null, catalogue.title(),
                                                                    catalogue.indicators(), catalogue.provisional(),
                                                                    catalogue.notes());
            PublishResult result = (PublishResult) commands.sendAsSystem(
                    new PublishIndicatorCatalogueCommand(catalogue.code(), catalogue,
                                                         FrameworkDocuments.contentHash(unversioned), source),
                    "Published from " + source + " at start-up").block();
            if (result != null && result.created()) {
                log.info("Published indicator catalogue {} version {} from {}", result.code(), result.version(), name);
            }
        } catch (DomainException e) {
            log.error("{} was not published: {} {}", source, e.getMessage(), e.problems());
        }
    }
}
