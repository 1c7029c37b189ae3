package org.tracehub.hub.security;

import static org.springframework.security.authorization.AuthorizationManagers.anyOf;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcherEntry;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.csrf.CsrfFilter;
import org.tracehub.hub.audit.AuditLog;
import org.tracehub.hub.dropbox.DropBoxProperties;
import org.tracehub.hub.sftp.DropBoxLimits;
import org.tracehub.hub.sftp.LoginLockout;
import org.tracehub.platform.batch.BatchRepository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. One filter chain: the console signs in with a form (session, CSRF),
 * scripts send HTTP Basic on every request (no session, and no CSRF token unless a browser says another
 * site made the request: {@link ForeignSiteRequests}). Everything not listed here is
 * refused, so a new endpoint is closed until it is given a rule — the authorisation matrix
 * test lists every endpoint.
 *
 * <pre>
 * public                      GET and HEAD of /t/**, /T/** (label printers' capitals), /qr/**, /api/trace/**, /css/**; the console's assets, /login, /error,
 *                             /actuator/health
 * VIEWER (and above)          console pages, GET /api/sources…, GET /api/batches…, labels, API docs
 * SOURCE (own source only)    GET /api/sources/{own}, GET /api/batches/{own batch}/…, labels of own batches,
 *                             POST /api/sources/{own}/files; lists are filtered to the own source
 * OPERATOR (and above)        POST /api/batches/{id}/retry, /actuator/prometheus
 * ADMIN                       POST /api/batches/{id}/reprocess, POST /api/sources/{id}/files, dry runs,
 *                             the audit log, other actuator endpoints, POST /api/admin/** (database backup, dead letters),
 *                             a source's bulk reprocess (/api/sources/{id}/reprocess…, GET too; its console pages)
 * </pre>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(HubSecurityProperties.class)
public class SecurityConfiguration {

    /** Paths whose callers are programs: problem documents and a Basic challenge, never a login page. */
    static final String[] API_PATHS = {"/api/**", "/actuator/**", "/v3/api-docs/**"};

    /** What anyone may read, with GET or HEAD: the consumer page, QR codes, the trace JSON and their stylesheets. */
    static final String[] PUBLIC_READS = {"/t/**", "/T/**", "/qr/**", "/api/trace/**", "/css/**"};

    /** Distinct (user, password) pairs remembered as verified: far more than the hub's users and senders. */
    static final int VERIFIED_PASSWORDS_MAX = 1_000;

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    HubUserDirectory hubUserDirectory(HubSecurityProperties security, DropBoxProperties dropBox) {
        return new HubUserDirectory(security, dropBox);
    }

    @Bean
    PasswordEncoder passwordEncoder(HubSecurityProperties security, Clock clock) {
        return new CachingPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                security.getVerifiedPasswordTtl(), VERIFIED_PASSWORDS_MAX, clock);
    }

    /**
     * The drop-box's lockout ({@code hub.sftp.lockout.*}), one instance for SFTP and HTTP sign-in: every drop-box account
     * is also an HTTP user with the same password, so failures over either count against both and a lock holds on both.
     */
    @Bean
    LoginLockout loginLockout(DropBoxProperties dropBox, Clock clock) {
        DropBoxLimits limits = dropBox.limits();
        return new LoginLockout(limits.maxFailedLogins(), limits.maxFailedLoginsPerAddress(), limits.lockout(), clock);
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy(HubRole.HIERARCHY);
    }

    /**
     * Trace codes are the senders' own: some contain "/", which reaches us as %2F in /t/{code}, /qr/{code}.png
     * and /api/trace/{code}, and a few ";", "%" or "\\"; the default firewall refuses those.
     */
    @Bean
    HttpFirewall httpFirewall() {
        return new TraceCodePathFirewall();
    }

    /**
     * A browser refused outside the API's paths gets the Chinese error page, as the README promises for every error it
     * meets there; a script (no text/html in its Accept) still gets the problem document with the refusal's code.
     */
    @Bean
    ApiSecurityProblems apiSecurityProblems(JsonMapper json, AuditLog audit, SecurityCurrentUser currentUser, Clock clock) {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        RequestMatcher pages = new AndRequestMatcher(new NegatedRequestMatcher(apiPaths()), html);
        return new ApiSecurityProblems(json, audit, currentUser, pages, clock);
    }

    private static RequestMatcher apiPaths() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(java.util.Arrays.stream(API_PATHS).map(paths::matcher).toArray(RequestMatcher[]::new));
    }

    @Bean
    SecurityFilterChain hubSecurity(HttpSecurity http, BatchRepository batches, RoleHierarchy hierarchy,
                                    ApiSecurityProblems problems, HubUserDirectory users, PasswordEncoder passwordEncoder,
                                    LoginLockout lockout, ApplicationEventPublisher applicationEvents) throws Exception {
        RequestMatcher api = apiPaths();
        AuthorizationManager<RequestAuthorizationContext> viewer = role(HubRole.VIEWER, hierarchy);
        AuthorizationManager<RequestAuthorizationContext> operator = role(HubRole.OPERATOR, hierarchy);
        AuthorizationManager<RequestAuthorizationContext> admin = role(HubRole.ADMIN, hierarchy);
        AuthorizationManager<RequestAuthorizationContext> ownBatch = SourceOwnership.ownBatch(batches);
        AuthorizationManager<RequestAuthorizationContext> ownSource = SourceOwnership.ownSource();
        AuthorizationManager<RequestAuthorizationContext> anySender = role(HubRole.SOURCE, hierarchy);

        http.authorizeHttpRequests(auth -> auth
                // public: what a consumer's phone and a printed label need. HEAD too: QR scanner apps and link previews
                // ask with HEAD before they open the page, and were sent to the sign-in page
                .requestMatchers(HttpMethod.GET, PUBLIC_READS).permitAll()
                .requestMatchers(HttpMethod.HEAD, PUBLIC_READS).permitAll()
                .requestMatchers(HttpMethod.GET, "/console/console.css", "/console/console.js", "/favicon.ico").permitAll()
                .requestMatchers("/login", "/error").permitAll()
                .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                // operations
                .requestMatchers(HttpMethod.GET, "/actuator/prometheus").access(operator)
                .requestMatchers("/actuator/**").access(admin)
                .requestMatchers(HttpMethod.GET, "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**")
                        .authenticated()
                // changes
                .requestMatchers(HttpMethod.POST, "/api/admin/**").access(admin)
                .requestMatchers(HttpMethod.POST, "/api/batches/{id}/reprocess").access(admin)
                // a bulk reprocess, and reading it: the request names who asked, which only admins see (the audit log)
                .requestMatchers("/api/sources/{id}/reprocess", "/api/sources/{id}/reprocess/**").access(admin)
                .requestMatchers(HttpMethod.POST, "/api/batches/{id}/retry").access(operator)
                .requestMatchers(HttpMethod.POST, "/api/sources/{id}/files").access(anyOf(admin, ownSource))
                .requestMatchers(HttpMethod.POST, "/api/specs/dry-run").access(admin)
                // reads
                .requestMatchers(HttpMethod.GET, "/api/audit").access(admin)
                .requestMatchers(HttpMethod.GET, "/api/sources", "/api/batches").access(anyOf(viewer, anySender))
                .requestMatchers(HttpMethod.GET, "/api/sources/{id}", "/api/sources/{id}/**").access(anyOf(viewer, ownSource))
                // a source's file as sent and its refused rows' cells hold people's names, numbers, addresses: staff who
                // act on batches and the batch's own sender, not every viewer
                .requestMatchers(HttpMethod.GET, "/api/batches/{id}/original", "/api/batches/{id}/errors.xlsx")
                        .access(anyOf(operator, ownBatch))
                .requestMatchers(HttpMethod.GET, "/api/batches/{id}", "/api/batches/{id}/**").access(anyOf(viewer, ownBatch))
                .requestMatchers(HttpMethod.GET, "/batches/{id}/labels").access(anyOf(viewer, ownBatch))
                // the console is for staff; its admin pages for admins
                .requestMatchers("/console/audit", "/console/dry-run").access(admin)
                .requestMatchers("/console/sources/{id}/reprocess", "/console/sources/{id}/reprocess/**").access(admin)
                .requestMatchers("/console", "/console/**").access(viewer)
                .anyRequest().denyAll());

        // Basic and the form sign in through the lockout: a locked account or address is refused before bcrypt runs
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        ProviderManager signIn = new ProviderManager(new LockingAuthenticationProvider(passwords, lockout, users));
        // RefusedLogins counts and logs the refusals, a locked one too (the default publisher maps exact classes only)
        DefaultAuthenticationEventPublisher signInEvents = new DefaultAuthenticationEventPublisher(applicationEvents);
        signInEvents.setAdditionalExceptionMappings(java.util.Map.of(LoginLockedException.class, AuthenticationFailureLockedEvent.class));
        signIn.setAuthenticationEventPublisher(signInEvents);
        http.authenticationManager(signIn);
        ExceptionMappingAuthenticationFailureHandler formFailures = new ExceptionMappingAuthenticationFailureHandler();
        formFailures.setDefaultFailureUrl("/login?error");
        formFailures.setExceptionMappings(java.util.Map.of(LoginLockedException.class.getName(), "/login?locked"));
        http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/console").failureHandler(formFailures).permitAll());
        http.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll());
        http.httpBasic(basic -> basic.realmName(ApiSecurityProblems.REALM).authenticationEntryPoint(problems));
        // programs get problem documents whatever they accept; people get the sign-in page, and the console's own
        // scripts, which ask for JSON, a 401 they can tell the user about (ApiSecurityProblems.sessionExpired)
        MediaTypeRequestMatcher json = new MediaTypeRequestMatcher(MediaType.APPLICATION_JSON);
        json.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        RequestMatcher consoleScripts = new AndRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/console/**"), json);
        http.exceptionHandling(ex -> ex
                .authenticationEntryPoint(new DelegatingAuthenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"),
                        new RequestMatcherEntry<>(api, problems), new RequestMatcherEntry<>(consoleScripts, problems.sessionExpired())))
                .defaultAccessDeniedHandlerFor(problems, api));
        // Scripts send Basic credentials and no session: they need no token (API requests without a session are
        // answered 401 when anonymous). A browser's request made by another site's page always needs one, even
        // with Basic credentials, which a browser that was once challenged sends by itself (ForeignSiteRequests).
        // The sign-in form always needs one (login CSRF).
        RequestMatcher sessionless = request -> request.getSession(false) == null;
        RequestMatcher script = new OrRequestMatcher(new RequestHeaderRequestMatcher(HttpHeaders.AUTHORIZATION),
                new AndRequestMatcher(api, sessionless));
        http.csrf(csrf -> csrf.requireCsrfProtectionMatcher(new AndRequestMatcher(CsrfFilter.DEFAULT_CSRF_MATCHER,
                new OrRequestMatcher(new ForeignSiteRequests(), new NegatedRequestMatcher(script)))));
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    private static AuthorizationManager<RequestAuthorizationContext> role(HubRole role, RoleHierarchy hierarchy) {
        AuthorityAuthorizationManager<RequestAuthorizationContext> manager = AuthorityAuthorizationManager.hasRole(role.name());
        manager.setRoleHierarchy(hierarchy);
        return manager;
    }
}
