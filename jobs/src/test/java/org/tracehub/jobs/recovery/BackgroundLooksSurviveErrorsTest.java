package org.tracehub.jobs.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.tracehub.platform.sql.InsertIfAbsent;

/**
 * An {@link Error} in one run of a background timer (an {@link OutOfMemoryError} under load) cancelled every later run of
 * it without a word: the heartbeat stopped, and the other nodes took this one for dead while its jobs still ran.
 */
class BackgroundLooksSurviveErrorsTest {

    @Test
    void aLookThatThrowsAnErrorOnceIsToldAndTheNextLookComesAllTheSame() {
        AtomicInteger looks = new AtomicInteger();
        List<Throwable> told = new CopyOnWriteArrayList<>();
        RepeatedLook repeated = new RepeatedLook("test-look");
        repeated.start(Duration.ofMillis(20), () -> {
            if (looks.incrementAndGet() == 1) {
                throw new OutOfMemoryError("Java heap space");
            }
        }, told::add);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> looks.get() >= 3);
            assertThat(told).singleElement().isInstanceOf(OutOfMemoryError.class);
        } finally {
            repeated.stop();
        }
    }

    @Test
    void theHeartbeatBeatsAgainAfterAnErrorInOneBeat() {
        DataSource ds = new DriverManagerDataSource("jdbc:h2:mem:beat" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        AtomicInteger beats = new AtomicInteger();
        HubNodes nodes = new HubNodes(JdbcClient.create(ds), new InsertIfAbsent(ds), ds, "auto") {
            @Override
            public Beat beat(HubNode self, OffsetDateTime now) {
                if (beats.incrementAndGet() == 1) {
                    throw new OutOfMemoryError("Java heap space");
                }
                return super.beat(self, now);
            }
        };
        NodeHeartbeat heartbeat = new NodeHeartbeat(nodes, new HubNode("beating-node", "./target"), Clock.systemUTC(),
                Duration.ofMillis(20));
        heartbeat.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> beats.get() >= 3);
            assertThat(new HubNodes(JdbcClient.create(ds), new InsertIfAbsent(ds), ds, "auto").heartbeats()).containsKey("beating-node");
        } finally {
            heartbeat.stop();
        }
    }
}
