package vn.xhht.ledger.command;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.axonframework.spring.stereotype.Aggregate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every aggregate has its given/when/then test file: {@code <Aggregate>Test}, beside it, driving it through Axon's
 * {@code AggregateTestFixture} (commands, or the methods a policy invokes in its handler's commit). One row per
 * aggregate.
 */
class EveryAggregateHasFixtureTestsTest {

    private static final Path TESTS = Path.of("src/test/java");

    @TestFactory
    Stream<DynamicTest> everyAggregateHasAFixtureTestFile() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Aggregate.class));
        var aggregates = scanner.findCandidateComponents("vn.xhht.ledger.command").stream()
                                .map(d -> d.getBeanClassName()).sorted(Comparator.naturalOrder()).toList();
        assertThat(aggregates).hasSizeGreaterThan(20);
        return aggregates.stream().map(name -> DynamicTest.dynamicTest(name.substring(name.lastIndexOf('.') + 1), () -> {
            String simpleName = name.substring(name.lastIndexOf('.') + 1);
            Path test = TESTS.resolve(name.replace('.', '/') + "Test.java");
            assertThat(test).as("the fixture tests of %s", simpleName).exists();
            assertThat(read(test)).as("%s drives %s through AggregateTestFixture", test.getFileName(), simpleName)
                                  .containsAnyOf("new AggregateTestFixture<>(" + simpleName + ".class)",
                                                 "FixtureConfiguration<" + simpleName + ">");
        }));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
