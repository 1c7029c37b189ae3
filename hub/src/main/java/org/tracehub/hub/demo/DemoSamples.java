package org.tracehub.hub.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.routes.intake.IntakeEndpoints;
import org.tracehub.routes.intake.IntakeHeaders;
import org.tracehub.samples.SampleCorpus;

/**
 * Demo profile: puts the sample exports into their sources' inboxes once per data directory, as
 * if the senders had uploaded them, so a newcomer sees batches, receipts and trace chains at once.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "hub.demo.drop-samples", havingValue = "true")
public class DemoSamples implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSamples.class);

    /** source id → sample paths in the corpus */
    private static final Map<String, List<String>> SAMPLES = Map.of(
            "meat-wholesale-xj", List.of("meat/meat-wholesale-xj/input/交易明细_20261127.csv"));

    private final HubStorage storage;
    private final ProducerTemplate producer;

    public DemoSamples(HubStorage storage, ProducerTemplate producer) {
        this.storage = storage;
        this.producer = producer;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Path marker = storage.dataDir().resolve("demo").resolve("samples-dropped");
        if (Files.exists(marker)) {
            return;
        }
        for (var entry : SAMPLES.entrySet()) {
            for (String sample : entry.getValue()) {
                Path file = SampleCorpus.copyTo(sample, storage.inbox(entry.getKey()));
                log.info("demo: dropped {} into the inbox of {}", file.getFileName(), entry.getKey());
                producer.sendBodyAndHeaders(IntakeEndpoints.FILE_RECEIVED, null, Map.of(
                        IntakeHeaders.SOURCE_ID, entry.getKey(),
                        IntakeHeaders.FILE_PATH, file.toString(),
                        IntakeHeaders.TRANSPORT, Transport.SFTP.name()));
            }
        }
        Files.createDirectories(marker.getParent());
        Files.createFile(marker);
    }
}
