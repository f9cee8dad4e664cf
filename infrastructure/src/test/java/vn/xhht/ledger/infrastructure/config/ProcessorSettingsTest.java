package vn.xhht.ledger.infrastructure.config;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import vn.xhht.ledger.query.Views;

import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every view's live processor is configured as the views' processors are (application.yml): tracking, in batches of
 * a hundred events. A view left to Axon's defaults handles one event per batch and stores its token after each — a
 * third of the others' speed catching up after downtime (CatchUpBenchmark). One row per view.
 */
class ProcessorSettingsTest {

    private static final String PROCESSORS = "axon.eventhandling.processors.";

    @TestFactory
    Stream<DynamicTest> everyViewIsHandledByATrackingProcessorInBatches() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties settings = yaml.getObject();
        return Views.ALL.stream().map(view -> DynamicTest.dynamicTest(view.name(), () -> {
            assertThat(settings.getProperty(PROCESSORS + view.name() + ".mode")).as("mode").isEqualTo("tracking");
            assertThat(settings.getProperty(PROCESSORS + view.name() + ".batch-size")).as("batch size").isEqualTo("100");
        }));
    }
}
