package org.tracehub.hub.audit;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the audit interceptor in front of the API and the console. */
@Configuration(proxyBeanMethods = false)
public class AuditWebConfiguration implements WebMvcConfigurer {

    private final AuditInterceptor interceptor;

    public AuditWebConfiguration(AuditInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor).addPathPatterns("/api/**", "/console/**");
    }
}
