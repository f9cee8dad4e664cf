package vn.xhht.ledger.infrastructure.framework;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.framework.CriteriaFramework;
import vn.xhht.ledger.domain.framework.FrameworkMessages.PublishFrameworkVersionCommand;
import vn.xhht.ledger.domain.common.PublishResult;
import vn.xhht.ledger.infrastructure.web.Commands;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * At start-up, publishes every framework file that is new or changed as a version, and nothing twice. The files are
 * the repository's {@code frameworks/*.yml}, packaged in the jar, and those of {@code xhht.frameworks.dir} (default
 * {@code ./frameworks}), which win over packaged files of the same name. Adding a framework or a version is adding a
 * file: no code changes.
 */
@Component
public class FrameworkFiles implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FrameworkFiles.class);

    private final Commands commands;
    private final String directory;

    public FrameworkFiles(Commands commands, @Value("${xhht.frameworks.dir:./frameworks}") String directory) {
        this.commands = commands;
        this.directory = directory;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        files("frameworks", directory).forEach(this::publish);
    }

    /**
     * The {@code *.yml} files of a data folder by name: those packaged under {@code folder/} in the jar, overridden
     * by those of {@code directory}.
     */
    static Map<String, byte[]> files(String folder, String directory) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:" + folder + "/*.yml")) {
            try (InputStream in = resource.getInputStream()) {
                files.put(resource.getFilename(), in.readAllBytes());
            }
        }
        Path dir = Path.of(directory);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> paths = Files.list(dir)) {
                for (Path path : paths.filter(p -> p.getFileName().toString().endsWith(".yml")).sorted().toList()) {
                    files.put(path.getFileName().toString(), Files.readAllBytes(path));
                }
            }
        }
        return files;
    }

    private void publish(String name, byte[] content) {
        try {
            CriteriaFramework framework = FrameworkDocuments.fromYaml(content, "frameworks/" + name);
            PublishResult result = (PublishResult) commands.sendAsSystem(
                    new PublishFrameworkVersionCommand(framework.code(), framework,
                                                       FrameworkDocuments.contentHash(framework), "frameworks/" + name),
                    "Published from frameworks/" + name + " at start-up").block();
            if (result != null && result.created()) {
                log.info("Published framework {} version {} from {}", result.code(), result.version(), name);
            }
            if (result != null && result.created() && framework.version() != null
                    && framework.version() != result.version()) {
                log.warn("frameworks/{} changed but kept version {}: published as version {}", name,
                         framework.version(), result.version());
            }
        } catch (DomainException e) {
            log.error("frameworks/{} was not published: {} {}", name, e.getMessage(), e.problems());
        }
    }
}
