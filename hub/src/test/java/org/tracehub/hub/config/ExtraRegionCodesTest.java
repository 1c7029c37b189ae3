package org.tracehub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.tracehub.hub.HubOnDataDir;
import org.tracehub.platform.trace.RegionNames;
import org.tracehub.schemas.event.EventRules;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.Finding;
import org.tracehub.schemas.validation.RegionCodeValidator;
import org.tracehub.schemas.validation.Severity;

/**
 * {@code hub.standard.extra-region-codes}: a district created after a release is accepted once an admin adds its code,
 * without waiting for the next release; a code that cannot be added stops the start.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExtraRegionCodesTest {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withUserConfiguration(StandardRulesConfiguration.class)
            .withBean(Clock.class, Clock::systemUTC);

    @TempDir
    Path dataDir;

    @Test
    void anOriginTheAdminAddedIsAcceptedAndLoggedAtStart(CapturedOutput output) {
        hub.withPropertyValues("hub.standard.extra-region-codes.310199=新设区").run(context -> {
            assertThat(context.getBean(EventRules.class).checkIdentifier("origin", "310199")).isNull();
            assertThat(context.getBean(EventRules.class).checkIdentifier("origin", "310115")).as("the shipped table stays").isNull();
            assertThat(RegionNames.fullName("310199")).as("the consumer page's place name").isEqualTo("上海市新设区");
            assertThat(new EventRules(Clock.systemUTC()).checkIdentifier("origin", "310199"))
                    .as("the rules the spec loader checks a constant origin with").isNull();
        });

        assertThat(output).contains("GB/T 2260 codes added to the shipped table by hub.standard.extra-region-codes: {310199=新设区}");
    }

    @Test
    void anOriginNobodyAddedIsStillUnknown() {
        hub.run(context -> {
            assertThat(context.getBean(EventRules.class).checkIdentifier("origin", "310199"))
                    .extracting(Finding::code, Finding::severity)
                    .containsExactly(ErrorCodes.REGION_UNKNOWN, Severity.ERROR);
            assertThat(RegionNames.fullName("310199")).isNull();
        });
    }

    @AfterEach
    void shippedTableAgain() {
        RegionCodeValidator.useInProcess(RegionCodeValidator.shipped());
    }

    @Test
    void aMalformedExtraCodeStopsTheStartNamingItWhileOneAlreadyShippedDoesNot(CapturedOutput output) {
        assertThatThrownBy(() -> HubOnDataDir.start(dataDir, "--hub.standard.extra-region-codes.31019=新设区",
                "--hub.standard.extra-region-codes.310101=黄浦区").close())
                .isInstanceOf(ExtraRegionCodesException.class)
                .hasMessage("hub.standard.extra-region-codes 中有无法加入GB/T 2260代码表的代码："
                        + "“31019”不是6位数字的行政区划代码");

        assertThat(output).contains("APPLICATION FAILED TO START", "“31019”不是6位数字的行政区划代码",
                "改正或删除 hub.standard.extra-region-codes 中的上述代码后重新启动");
        assertThat(dataDir.resolve("db")).as("stopped before the database was opened").doesNotExist();
    }
}
