package org.tracehub.hub.config;

import java.util.Map;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.tracehub.schemas.validation.RegionCodeValidator;

/**
 * {@code hub.standard.extra-region-codes} checked before any bean is made: a refused code stops the start before the
 * database, the broker or the drop-box are touched, not once the rules' bean is made late in a start of minutes.
 */
@Component
public class ExtraRegionCodesCheck implements BeanFactoryPostProcessor, PriorityOrdered {

    /** Right after {@link HubSettingsCheck} (a misspelt key first), before the data directory is prepared. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        inProcess(Binder.get(beanFactory.getBean(Environment.class)));
    }

    /**
     * The table with the codes {@code settings} add, made the process's ({@link RegionCodeValidator#instance()}): the
     * server's start and every command build it here, so the spec loader, the consumer page's place names and the
     * commands see the codes the server's rules accept.
     */
    public static RegionCodeValidator inProcess(Binder settings) {
        return inProcess(settings.bind(StandardSettings.EXTRA_REGION_CODES, Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
    }

    static RegionCodeValidator inProcess(Map<String, String> extra) {
        RegionCodeValidator table = regions(extra);
        RegionCodeValidator.useInProcess(table);
        return table;
    }

    /** The shipped GB/T 2260 table with {@code extra} added, or the start's refusal naming every code that cannot be. */
    private static RegionCodeValidator regions(Map<String, String> extra) {
        try {
            return RegionCodeValidator.withExtraCodes(extra);
        } catch (IllegalArgumentException e) {
            throw new ExtraRegionCodesException(e.getMessage());
        }
    }
}
