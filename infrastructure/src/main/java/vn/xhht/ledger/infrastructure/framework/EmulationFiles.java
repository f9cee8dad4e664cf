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
import vn.xhht.ledger.domain.framework.FrameworkMessages.PublishResult;
import vn.xhht.ledger.infrastructure.web.Commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * At start-up, publishes the emulation movements and their award criteria ({@code emulation/*.yml}, packaged in the
 * jar, overridden by the files of {@code xhht.emulation.dir}) when new or changed, never twice. A document naming the
 * {@code movement} it belongs to is a set of award criteria; one with {@code phases} is a movement.
 */
@Component
@Order(0)
public class EmulationFiles implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(EmulationFiles.class);
    private static final Pattern CRITERIA = Pattern.compile("(?m)^movement:");

    private final Commands commands;
    private final String directory;

    public EmulationFiles(Commands commands, @Value("${xhht.emulation.dir:./emulation}") String directory) {
        this.commands = commands;
        this.directory = directory;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        FrameworkFiles.files("emulation", directory).forEach(this::publish);
    }

    private void publish(String name, byte[] content) {
        String source = "emulation/" + name;
        try {
            Object command;
            if (CRITERIA.matcher(new String(content, StandardCharsets.UTF_8)).find()) {
                AwardCriteria criteria = FrameworkDocuments.fromYaml(content, AwardCriteria.class, source);
                command = new PublishAwardCriteriaCommand(criteria.code(), criteria,
                                                          FrameworkDocuments.contentHash(criteria.withVersion(null)), source);
            } else {
                Movement movement = FrameworkDocuments.fromYaml(content, Movement.class, source);
                command = new PublishMovementCommand(movement.code(), movement,
                                                     FrameworkDocuments.contentHash(movement.withVersion(null)), source);
            }
            PublishResult result = (PublishResult) commands.sendAsSystem(command, "Published from " + source + " at start-up")
                                                           .block();
            if (result != null && result.created()) {
                log.info("Published {} version {} from {}", result.code(), result.version(), source);
            }
        } catch (DomainException e) {
            log.error("{} was not published: {} {}", source, e.getMessage(), e.problems());
        }
    }
}
