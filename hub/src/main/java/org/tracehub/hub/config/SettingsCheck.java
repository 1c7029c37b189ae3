package org.tracehub.hub.config;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * A check of the settings alone, run before any bean is made (a bean factory post-processor): a refused start has not
 * touched the database, the broker or the data directory. After {@link HubSettingsCheck} (itself one, ordered first),
 * so that a misspelt key is reported as such first, and before {@link DataDirectoryPreparation} creates anything.
 */
public abstract class SettingsCheck implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

    private ConfigurableEnvironment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = (ConfigurableEnvironment) environment;
    }

    @Override
    public int getOrder() {
        return -100;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(environment, Binder.get(environment));
    }

    protected final ConfigurableEnvironment environment() {
        return environment;
    }

    /**
     * @throws StartRefusedException naming the setting, when it is wrong
     */
    protected abstract void check(ConfigurableEnvironment environment, Binder settings);
}
