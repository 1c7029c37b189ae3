package org.tracehub.hub.metrics;

import jakarta.jms.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.config.DefaultJmsListenerContainerFactory;

/**
 * A listener container factory for the completed topic. Boot's default factory listens on queues;
 * a topic subscriber needs {@code pubSubDomain}.
 */
@Configuration(proxyBeanMethods = false)
public class TopicListenerConfiguration {

    public static final String TOPIC_LISTENER_FACTORY = "hubTopicListenerFactory";

    @Bean(TOPIC_LISTENER_FACTORY)
    public DefaultJmsListenerContainerFactory hubTopicListenerFactory(ConnectionFactory connectionFactory) {
        DefaultJmsListenerContainerFactory factory = new DefaultJmsListenerContainerFactory();
        factory.setConnectionFactory(connectionFactory);
        factory.setPubSubDomain(true);
        return factory;
    }
}
