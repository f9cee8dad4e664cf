package vn.xhht.ledger.infrastructure.framework;

import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.framework.CriteriaFramework;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameworkFilesTest {

    private static List<Path> files() throws Exception {
        try (Stream<Path> paths = Files.list(Path.of("..", "frameworks"))) {
            return paths.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @Test
    void everyFrameworkFileOfTheRepositoryIsAValidDocument() throws Exception {
        List<Path> files = files();
        assertThat(files).extracting(p -> p.getFileName().toString())
                         .contains("TT22-2020-DVHT.yml", "TT24-2023-DVHT.yml", "TT25-2023-CDHT-XA.yml",
                                   "KHVN-448-2015-GDHT.yml");
        for (Path file : files) {
            CriteriaFramework framework = FrameworkDocuments.fromYaml(Files.readAllBytes(file), file.toString());
            assertThat(framework.problems()).as(file.toString()).isEmpty();
            assertThat(file.getFileName().toString()).isEqualTo(framework.code() + ".yml");
        }
    }

    @Test
    void tt25HasFiveCriteriaAndFifteenIndicatorsAndTt22WeighsThirtyThirtyForty() throws Exception {
        CriteriaFramework tt25 = read("TT25-2023-CDHT-XA.yml");
        assertThat(tt25.criteria()).hasSize(5);
        assertThat(tt25.indicators()).hasSize(15);
        CriteriaFramework tt22 = read("TT22-2020-DVHT.yml");
        assertThat(tt22.criteria()).extracting(c -> c.indicators().stream()
                                                      .map(CriteriaFramework.Indicator::maxPoints)
                                                      .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add).intValue())
                                   .containsExactly(30, 30, 40);
    }

    @Test
    void theContentHashIgnoresTheVersionButNotTheContent() throws Exception {
        byte[] yaml = Files.readAllBytes(Path.of("..", "frameworks", "TT22-2020-DVHT.yml"));
        String text = new String(yaml, StandardCharsets.UTF_8);
        String original = FrameworkDocuments.contentHash(FrameworkDocuments.fromYaml(yaml, "a"));
        String otherVersion = FrameworkDocuments.contentHash(FrameworkDocuments.fromYaml(
                text.replace("version: 1", "version: 7").getBytes(StandardCharsets.UTF_8), "b"));
        String otherThreshold = FrameworkDocuments.contentHash(FrameworkDocuments.fromYaml(
                text.replace("{result: KHA, minPoints: 70}", "{result: KHA, minPoints: 72}").getBytes(StandardCharsets.UTF_8), "c"));
        assertThat(otherVersion).isEqualTo(original);
        assertThat(otherThreshold).isNotEqualTo(original);
    }

    @Test
    void aMalformedDocumentIsRefusedNamingTheFieldAtFault() {
        String yaml = "code: X\ntitle: t\nregulation: r\neffectiveFrom: 2020-01-01\ndecision: POINTS\nvalidityYears: 1\n"
                      + "filingDeadline: --01-15\nthresholds: [{result: TOT, minPoints: 50}]\n"
                      + "criteria: [{code: A, name: a, indicators: [{code: A1, name: a1, maxPonts: 10}]}]\n";
        assertThatThrownBy(() -> FrameworkDocuments.fromYaml(yaml.getBytes(StandardCharsets.UTF_8), "x.yml"))
                .isInstanceOfSatisfying(DomainException.class,
                                        e -> assertThat(e.field()).isEqualTo("criteria[0].indicators[0].maxPonts"));
        CriteriaFramework noPoints = FrameworkDocuments.fromYaml(
                yaml.replace("maxPonts: 10", "levels: [X]").getBytes(StandardCharsets.UTF_8), "y.yml");
        assertThat(noPoints.problems()).extracting(CriteriaFramework.Problem::field)
                                       .contains("criteria[0].indicators[0].maxPoints");
    }

    private static CriteriaFramework read(String name) throws Exception {
        Path file = Path.of("..", "frameworks", name);
        return FrameworkDocuments.fromYaml(Files.readAllBytes(file), name);
    }
}
