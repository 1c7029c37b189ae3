package org.tracehub.hub.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.jackson.JacksonMixin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tracehub.platform.trace.ChainEvent;

/**
 * What the public trace JSON leaves out of a {@link ChainEvent}: its {@code eventId}. The id is an unsalted hash of the
 * source and the record's natural key ({@code EventIds}), and senders number their vouchers in order, so anyone who
 * knows a code could confirm guessed voucher numbers of a market by hashing them. Nothing public needs it: the page
 * never shows it and the hub orders the chain itself. The chain query and the store keep using it.
 */
@Configuration(proxyBeanMethods = false)
public class PublicTraceJson {

    static final String EVENT_ID = "eventId";

    /** Picked up by Spring Boot's Jackson set-up, so the hub's JSON never writes the id. */
    @JacksonMixin(ChainEvent.class)
    @JsonIgnoreProperties(EVENT_ID)
    interface WithoutEventId {
    }

    /** springdoc describes {@link ChainEvent} with its own Jackson, which knows nothing of the mix-in. */
    @Bean
    OpenApiCustomizer chainEventSchemaWithoutEventId() {
        return api -> {
            Map<String, Schema> schemas = api.getComponents() == null ? null : api.getComponents().getSchemas();
            Schema<?> event = schemas == null ? null : schemas.get(ChainEvent.class.getSimpleName());
            if (event != null && event.getProperties() != null) {
                event.getProperties().remove(EVENT_ID);
            }
        };
    }
}
