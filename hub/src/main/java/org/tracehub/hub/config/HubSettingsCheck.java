package org.tracehub.hub.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.stereotype.Component;

/**
 * Stops the start on a {@code hub.*} setting the hub does not have: a mistyped key
 * ({@code --hub.jobs.purge.archive-retension=P10Y}) was silently ignored and its default kept. Runs before any bean is
 * made (a bean factory post-processor), so nothing has touched the database, the broker or the data directory yet.
 *
 * <p>A key below a prefix a {@code @ConfigurationProperties} class binds ({@code hub.sftp}, {@code hub.pull},
 * {@code hub.jobs.purge} …, map entries such as {@code hub.sftp.accounts.<source>.*} included) must be a property of that
 * class: the class is bound here as Spring Boot binds it, with unknown fields refused (the classes say
 * {@code ignoreUnknownFields = false} themselves too). Any other key must be one of {@link ShippedSettings}, the keys of
 * the hub's application.yml and its profiles', where every setting read with {@code @Value} has its default.
 *
 * <p>Checked: command-line arguments, configuration files, {@code SPRING_APPLICATION_JSON}, JVM system properties
 * ({@code -Dhub.…}) and test properties. Not checked: environment variables ({@code HUB_…}), which name other things
 * too ({@code HUB_DB_URL}, a pull's {@code password-env} variable) and cannot be told from a setting by their name. A
 * retired setting is the exception: its name is known, so {@code HUB_JOBS_READERS_XLSXROWCACHE} is warned about, or
 * stops the start, as the same key in a file does (below). Spring Boot's binding passes over unknown environment
 * variables even for a class that refuses unknown fields, so it was ignored without a word, an unsafe one too.
 *
 * <p>A setting the hub once shipped and has since removed ({@link RetiredSettings}) is no typo: when ignoring it is
 * harmless it is warned about and hidden from the environment, and the hub starts; otherwise the start stops saying it
 * was retired and what to do.
 */
@Component
public class HubSettingsCheck extends SettingsCheck implements PriorityOrdered {

    private static final Logger log = LoggerFactory.getLogger(HubSettingsCheck.class);

    /** Before every other check (a priority-ordered post-processor): a misspelt key is reported as such first. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    /** The keys bound by properties classes are the bean factory's to tell. */
    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        ConfigurableEnvironment environment = environment();
        List<UnknownSettingException.Unknown> unknown = unknownSettings(environment, boundPrefixes(beanFactory), ShippedSettings.load(),
                RetiredSettings.SHIPPED);
        List<UnknownSettingException.Unknown> refused = withoutHarmlessRetired(environment, unknown, RetiredSettings.SHIPPED);
        if (!refused.isEmpty()) {
            throw new UnknownSettingException(refused);
        }
    }

    @Override
    protected void check(ConfigurableEnvironment environment, Binder settings) {
        // the whole check needs the bean factory: postProcessBeanFactory
    }

    /**
     * Warns about each retired setting that is safe to ignore and hides it from the checked property sources (a
     * properties class that refuses unknown fields would stop the start on it otherwise; the binding passes over
     * environment variables, which stay); returns the rest, which stop the start.
     */
    static List<UnknownSettingException.Unknown> withoutHarmlessRetired(ConfigurableEnvironment environment,
                                                                       List<UnknownSettingException.Unknown> unknown,
                                                                       RetiredSettings retired) {
        List<UnknownSettingException.Unknown> refused = new ArrayList<>();
        Set<ConfigurationPropertyName> ignored = new HashSet<>();
        for (UnknownSettingException.Unknown setting : unknown) {
            ConfigurationPropertyName name = ConfigurationPropertyName.of(setting.name());
            Optional<RetiredSettings.Retired> harmless = retired.find(name).filter(found -> !found.refused());
            if (harmless.isPresent()) {
                log.warn("Setting {}{} {}", harmless.get().name(), setting.origin().isEmpty() ? "" : " (" + setting.origin() + ")",
                        setting.retired());
                ignored.add(name);
            } else {
                refused.add(setting);
            }
        }
        if (!ignored.isEmpty()) {
            hide(environment, ignored);
        }
        return refused;
    }

    /** The {@code hub.*} prefixes that a {@code @ConfigurationProperties} bean of this context binds, with its type. */
    static Map<ConfigurationPropertyName, Class<?>> boundPrefixes(ConfigurableListableBeanFactory beanFactory) {
        Map<ConfigurationPropertyName, Class<?>> prefixes = new LinkedHashMap<>();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            ConfigurationProperties annotation = beanFactory.findAnnotationOnBean(name, ConfigurationProperties.class, false);
            Class<?> type = annotation == null ? null : beanFactory.getType(name, false);
            if (type == null) {
                continue;
            }
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            ConfigurationPropertyName bound = ConfigurationPropertyName.of(prefix);
            if (ShippedSettings.HUB.isAncestorOf(bound)) {
                prefixes.put(bound, type);
            }
        }
        return prefixes;
    }

    /** Every {@code hub.*} key set in the environment that the hub does not have, in name order. */
    static List<UnknownSettingException.Unknown> unknownSettings(ConfigurableEnvironment environment,
                                                                 Map<ConfigurationPropertyName, Class<?>> boundPrefixes,
                                                                 ShippedSettings shipped, RetiredSettings retired) {
        MutablePropertySources checked = checkedSources(environment);
        Map<ConfigurationPropertyName, ConfigurationProperty> unknown = new TreeMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.from(checked)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            for (ConfigurationPropertyName name : iterable.filter(ShippedSettings.HUB::isAncestorOf)) {
                boolean bound = boundPrefixes.keySet().stream().anyMatch(prefix -> prefix.equals(name) || prefix.isAncestorOf(name));
                if (!bound && !shipped.known(name)) {
                    unknown.putIfAbsent(name, iterable.getConfigurationProperty(name));
                }
            }
        }
        for (ConfigurationPropertySource source : ConfigurationPropertySources.from(environmentVariables(environment))) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                for (ConfigurationPropertyName name : iterable.filter(name -> retired.find(name).isPresent())) {
                    unknown.putIfAbsent(name, iterable.getConfigurationProperty(name));
                }
            }
        }
        Binder binder = new Binder(ConfigurationPropertySources.from(checked), new PropertySourcesPlaceholdersResolver(environment),
                ApplicationConversionService.getSharedInstance());
        boundPrefixes.forEach((prefix, type) -> {
            try {
                binder.bind(prefix, Bindable.of(type), new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
            } catch (BindException e) {
                if (e.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
                    unbound.getUnboundProperties().forEach(property -> unknown.putIfAbsent(property.getName(), property));
                }
                // any other binding failure (a value that is no duration …) is Spring Boot's to report, as it binds the bean
            }
        });
        List<UnknownSettingException.Unknown> found = new ArrayList<>();
        unknown.forEach((name, property) -> found.add(new UnknownSettingException.Unknown(name.toString(),
                Optional.ofNullable(property).map(ConfigurationProperty::getOrigin).map(Origin::toString).orElse(""),
                shipped.closest(name).orElse(null), retired.find(name).map(RetiredSettings.Retired::describe).orElse(null))));
        return found;
    }

    /** Replaces each checked property source that sets one of these keys (in any of its relaxed forms) by one without it. */
    private static void hide(ConfigurableEnvironment environment, Set<ConfigurationPropertyName> names) {
        for (PropertySource<?> source : checkedSources(environment)) {
            EnumerablePropertySource<?> enumerable = (EnumerablePropertySource<?>) source;
            Set<String> hidden = new HashSet<>();
            for (String property : enumerable.getPropertyNames()) {
                ConfigurationPropertyName name = ConfigurationPropertyName.adapt(property, '.');
                if (names.contains(name) || names.stream().anyMatch(retired -> retired.isAncestorOf(name))) {
                    hidden.add(property);
                }
            }
            if (!hidden.isEmpty()) {
                environment.getPropertySources().replace(source.getName(), new WithoutProperties(enumerable, hidden));
            }
        }
    }

    /** A property source less some of its properties; origins (file and line) still answered for the others. */
    private static final class WithoutProperties extends EnumerablePropertySource<EnumerablePropertySource<?>>
            implements OriginLookup<String> {

        private final Set<String> hidden;

        WithoutProperties(EnumerablePropertySource<?> source, Set<String> hidden) {
            super(source.getName(), source);
            this.hidden = Set.copyOf(hidden);
        }

        @Override
        public String[] getPropertyNames() {
            return Arrays.stream(getSource().getPropertyNames()).filter(name -> !hidden.contains(name)).toArray(String[]::new);
        }

        @Override
        public Object getProperty(String name) {
            return hidden.contains(name) ? null : getSource().getProperty(name);
        }

        @Override
        public Origin getOrigin(String name) {
            return hidden.contains(name) ? null : OriginLookup.getOrigin(getSource(), name);
        }
    }

    /**
     * Every property source but the environment variables (see the class comment) and Spring Boot's view of all of them
     * together ({@code configurationProperties}), which would count each key twice.
     */
    private static MutablePropertySources checkedSources(ConfigurableEnvironment environment) {
        MutablePropertySources checked = new MutablePropertySources();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?>
                    && !StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName())
                    && !"configurationProperties".equals(source.getName())) {
                checked.addLast(source);
            }
        }
        return checked;
    }

    /** The environment variables' property source, when it can be listed (a test's environment may have none). */
    private static MutablePropertySources environmentVariables(ConfigurableEnvironment environment) {
        MutablePropertySources variables = new MutablePropertySources();
        if (environment.getPropertySources().get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
                instanceof SystemEnvironmentPropertySource source) {
            variables.addLast(source);
        }
        return variables;
    }
}
