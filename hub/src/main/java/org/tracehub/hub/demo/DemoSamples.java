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
 * Demo profile: puts every sample export into its source's inbox once per data directory, as if the
 * senders had uploaded them, so a newcomer sees batches of every format, receipts (the nightly sources'
 * at STAGED), rejected rows and trace chains across sources (samples/README.md, "Chains across sources")
 * at once. Upstream sources first, so the chains fill in the order the goods moved.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "hub.demo.drop-samples", havingValue = "true")
public class DemoSamples implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSamples.class);

    /** A sample export and the source that sends it; the path is in the sample corpus. */
    record Sample(String sourceId, String path) {
    }

    static final List<Sample> SAMPLES = List.of(
            new Sample("meat-slaughter-wuhao", "meat/meat-slaughter-wuhao/input/屠宰检验_20261126.csv"),
            new Sample("meat-slaughter-wuhao", "meat/meat-slaughter-wuhao/input/销售明细_20261126.csv"),
            new Sample("meat-wholesale-xj", "meat/meat-wholesale-xj/input/交易明细_20261127.csv"),
            new Sample("meat-wholesale-jiangqiao", "meat/meat-wholesale-jiangqiao/input/江桥肉类交易日报_20261127.xlsx"),
            new Sample("meat-supermarket-lianjia", "meat/meat-supermarket-lianjia/input/收货明细_20261127.csv"),
            new Sample("vegetable-base-chongming", "vegetable/vegetable-base-chongming/input/采收登记表_20261126.xls"),
            new Sample("vegetable-wholesale-xj", "vegetable/vegetable-wholesale-xj/input/蔬菜交易明细_20261127.csv"),
            new Sample("vegetable-wetmarket-sanlin", "vegetable/vegetable-wetmarket-sanlin/input/三林菜场进货台账_20261127.xlsx"),
            new Sample("dairy-station-jinshan", "dairy/dairy-station-jinshan/input/收奶记录_20261126.csv"),
            new Sample("dairy-plant-pujiang", "dairy/dairy-plant-pujiang/input/MES_PROD_20261126.xml"),
            new Sample("dairy-plant-pujiang", "dairy/dairy-plant-pujiang/input/WMS_SHIP_20261127.xml"),
            new Sample("dairy-import-waigaoqiao", "dairy/dairy-import-waigaoqiao/input/进口乳品入库台账_202611.xlsx"),
            new Sample("elevator-maint-husheng", "elevator/elevator-maint-husheng/input/wb_maint_20261126.xml"),
            new Sample("gascyl-fill-pudong", "gas-cylinder/gascyl-fill-pudong/input/充装记录_20261126.csv"));

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
        for (Sample sample : SAMPLES) {
            Path file = SampleCorpus.copyTo(sample.path(), storage.inbox(sample.sourceId()));
            log.info("demo: dropped {} into the inbox of {}", file.getFileName(), sample.sourceId());
            producer.sendBodyAndHeaders(IntakeEndpoints.FILE_RECEIVED, null, Map.of(
                    IntakeHeaders.SOURCE_ID, sample.sourceId(),
                    IntakeHeaders.FILE_PATH, file.toString(),
                    IntakeHeaders.TRANSPORT, Transport.SFTP.name()));
        }
        Files.createDirectories(marker.getParent());
        Files.createFile(marker);
    }
}
