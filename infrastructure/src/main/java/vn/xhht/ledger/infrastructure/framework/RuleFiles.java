package vn.xhht.ledger.infrastructure.framework;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.emulation.AwardCriteria;
import vn.xhht.ledger.domain.emulation.EmulationMessages.PublishAwardCriteriaCommand;
import vn.xhht.ledger.domain.emulation.EmulationMessages.PublishMovementCommand;
import vn.xhht.ledger.domain.emulation.Movement;
import vn.xhht.ledger.domain.common.PublishResult;
import vn.xhht.ledger.domain.pcgd.PcgdCycle;
import vn.xhht.ledger.domain.pcgd.PcgdMessages.PublishPcgdCycleCommand;
import vn.xhht.ledger.infrastructure.web.Commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * At start-up, publishes the rules kept as data besides the frameworks and the indicator catalogue, when new or
 * changed and never twice: the emulation movements and their award criteria ({@code emulation/*.yml}; a document
 * naming the {@code movement} it belongs to is a set of criteria) and the universal-education cycle
 * ({@code pcgd/*.yml}). Packaged in the jar, overridden by the files of {@code xhht.emulation.dir} and
 * {@code xhht.pcgd.dir}.
 */
@Component
@Order(0)
public class RuleFiles implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RuleFiles.class);
    private static final Pattern CRITERIA = Pattern.compile("(?m)^movement:");

    private final Commands commands;
    private final String emulation;
    private final String pcgd;

    public RuleFiles(Commands commands, @Value("${xhht.emulation.dir:./emulation}") String emulation,
                     @Value("${xhht.pcgd.dir:./pcgd}") String pcgd) {
        this.commands = commands;
        this.emulation = emulation;
        this.pcgd = pcgd;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        FrameworkFiles.files("emulation", emulation).forEach((name, content) -> publish("emulation/" + name, content));
        FrameworkFiles.files("pcgd", pcgd).forEach((name, content) -> publish("pcgd/" + name, content));
    }

    private void publish(String source, byte[] content) {
        try {
            PublishResult result = (PublishResult) commands.sendAsSystem(command(source, content),
                                                                          "Published from " + source + " at start-up")
                                                           .block();
            if (result != null && result.created()) {
                log.info("Published {} version {} from {}", result.code(), result.version(), source);
            }
        } catch (DomainException e) {
            log.error("{} was not published: {} {}", source, e.getMessage(), e.problems());
        }
    }

    private static Object command(String source, byte[] content) {
        if (source.startsWith("pcgd/")) {
            PcgdCycle cycle = FrameworkDocuments.fromYaml(content, PcgdCycle.class, source);
            return new PublishPcgdCycleCommand(cycle.code(), cycle, FrameworkDocuments.contentHash(cycle.withVersion(null)),
                                               source);
        }
        if (CRITERIA.matcher(new String(content, StandardCharsets.UTF_8)).find()) {
            AwardCriteria criteria = FrameworkDocuments.fromYaml(content, AwardCriteria.class, source);
            return new PublishAwardCriteriaCommand(criteria.code(), criteria,
                                                   FrameworkDocuments.contentHash(criteria.withVersion(null)), source);
        }
        Movement movement = FrameworkDocuments.fromYaml(content, Movement.class, source);
        return new PublishMovementCommand(movement.code(), movement,
                                          FrameworkDocuments.contentHash(movement.withVersion(null)), source);
    }
}
