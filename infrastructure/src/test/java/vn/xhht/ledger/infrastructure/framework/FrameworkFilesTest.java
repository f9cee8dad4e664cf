package vn.xhht.ledger.infrastructure.framework;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import vn.xhht.ledger.domain.common.DomainException;
import vn.xhht.ledger.domain.common.Field;
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
    void everyFrameworkFileOfTheRepositoryIsAValidDocumentNamedByItsCodeAndVersion() throws Exception {
        List<Path> files = files();
        assertThat(files).extracting(p -> p.getFileName().toString())
                         .contains("TT22-2020-DVHT.v1.yml", "TT22-2020-DVHT.v2.yml", "TT24-2023-DVHT.v1.yml",
                                   "TT24-2023-DVHT.v2.yml", "TT24-2023-DVHT-TINH.v1.yml", "TT25-2023-CDHT-XA.v1.yml",
                                   "TT25-2023-CDHT-XA.v2.yml", "KHVN-448-2015-GDHT.v1.yml", "KHVN-448-2015-GDHT.v2.yml");
        for (Path file : files) {
            CriteriaFramework framework = FrameworkDocuments.fromYaml(Files.readAllBytes(file), file.toString());
            assertThat(framework.problems()).as(file.toString()).isEmpty();
            assertThat(file.getFileName().toString())
                    .isEqualTo(framework.code() + ".v" + framework.version() + ".yml");
        }
    }

    @Test
    void tt22WeighsThirtyThirtyFortyWithTheCapsOfTheRegulation() throws Exception {
        CriteriaFramework tt22 = read("TT22-2020-DVHT.v2.yml");
        assertThat(tt22.criteria()).extracting(c -> c.indicators().stream().map(i -> i.maxPoints().intValue()).toList())
                                   .containsExactly(List.of(10, 10, 10), List.of(10, 5, 10, 5), List.of(25, 10, 5));
        assertThat(tt22.validityYears()).isZero();
        assertThat(tt22.filingDeadline()).isEqualTo(java.time.MonthDay.of(3, 31));
    }

    @Test
    void tt25HasTheFiveLegalCriteriaAtBothLevelsFromTheTwelfthOfFebruary() throws Exception {
        CriteriaFramework tt25 = read("TT25-2023-CDHT-XA.v2.yml");
        assertThat(tt25.criteria()).hasSize(5);
        assertThat(tt25.effectiveFrom()).isEqualTo(java.time.LocalDate.of(2024, 2, 12));
        assertThat(tt25.requiredFor("MUC_DO_1")).isEqualTo(tt25.indicators());
        assertThat(tt25.criteria().get(2).name()).contains("trung tâm học tập cộng đồng", "thư viện");
    }

    @Test
    void aDocumentWrittenBeforePerLevelTargetsKeepsItsContentHash() throws Exception {
        ObjectMapper before = JsonMapper.builder()
                                        .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                                        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                                        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                                        .addMixIn(CriteriaFramework.Indicator.class, WithoutTargets.class)
                                        .addMixIn(CriteriaFramework.class, WithoutRollup.class)
                                        .build();
        for (String name : List.of("TT22-2020-DVHT.v1.yml", "TT24-2023-DVHT.v1.yml", "TT25-2023-CDHT-XA.v1.yml",
                                   "KHVN-448-2015-GDHT.v1.yml")) {
            CriteriaFramework document = read(name);
            CriteriaFramework unversioned = new CriteriaFramework(
                    document.code(), null, document.title(), document.subjectTitle(), document.regulation(),
                    document.replaces(), document.effectiveFrom(), document.effectiveTo(), document.decision(),
                    document.criteria(), document.thresholds(), document.levels(), document.validityYears(),
                    document.upgrade(), document.filingDeadline(), document.authorities(), document.provisional(),
                    document.notes());
            String asBefore = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(before.writeValueAsString(unversioned).getBytes(StandardCharsets.UTF_8)));
            assertThat(FrameworkDocuments.contentHash(document)).as(name).isEqualTo(asBefore);
        }
    }

    /** An indicator as documents were before per-level targets and survey figures. */
    @JsonIgnoreProperties({"kind", "min", "numerator", "denominator", "numeratorDbkk", "denominatorDbkk", "minDbkk",
                           "prerequisite", "condition"})
    private abstract static class WithoutTargets {
    }

    /** A framework as documents were before roll-up rules. */
    @JsonIgnoreProperties({"rollup"})
    private abstract static class WithoutRollup {
    }

    @Test
    void theContentHashIgnoresTheVersionButNotTheContent() throws Exception {
        byte[] yaml = Files.readAllBytes(Path.of("..", "frameworks", "TT22-2020-DVHT.v1.yml"));
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
                                        e -> assertThat(e.field()).isEqualTo(
                                                Field.of("criteria").at(0).dot("indicators").at(0).dot("maxPonts")));
        CriteriaFramework noPoints = FrameworkDocuments.fromYaml(
                yaml.replace("maxPonts: 10", "levels: [X]").getBytes(StandardCharsets.UTF_8), "y.yml");
        assertThat(noPoints.problems()).extracting(CriteriaFramework.Problem::field)
                                       .contains(Field.of("criteria").at(0).dot("indicators").at(0).dot("maxPoints"));
    }

    private static CriteriaFramework read(String name) throws Exception {
        Path file = Path.of("..", "frameworks", name);
        return FrameworkDocuments.fromYaml(Files.readAllBytes(file), name);
    }
}
