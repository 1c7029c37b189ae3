package org.tracehub.hub.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * How long a phone may keep what the public side sends. The stylesheets under {@code /css/} are linked by a hash of
 * their content ({@code /css/trace-<md5>.css}, rewritten by {@link ResourceUrlEncodingFilter} wherever a template says
 * {@code @{/css/trace.css}}) and kept for a year: a changed stylesheet is a new URL, and a scan no longer waits for
 * the render-blocking stylesheet each time. The consumer page and the trace JSON are never stored: a lot that turns
 * out bad (a failed test reported late, a recall) must not be shown from a cache as it was. QR images keep their own
 * day-long public cache ({@link QrCodeController}).
 *
 * <p>Spring Security writes {@code no-store} only where a response has no cache header of its own, so these headers
 * are what the browser gets.
 */
@Configuration(proxyBeanMethods = false)
public class PublicCaching implements WebMvcConfigurer {

    static final String STYLESHEETS = "/css/**";
    static final CacheControl VERSIONED_ASSET = CacheControl.maxAge(Duration.ofDays(365)).cachePublic();
    static final CacheControl NEVER_STORED = CacheControl.noStore();

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(STYLESHEETS).addResourceLocations("classpath:/static/css/")
                .setCacheControl(VERSIONED_ASSET)
                .resourceChain(true)
                .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // before the controller, so its errors (400, 404) carry it too
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                response.setHeader(HttpHeaders.CACHE_CONTROL, NEVER_STORED.getHeaderValue());
                return true;
            }
        }).addPathPatterns(ConsumerLinks.PAGE_PREFIX + "**", "/api/trace/**");
    }

    /** Boot registers this filter only when its own resource chain is switched on; the chain here is for /css/ alone. */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }
}
