package org.tracehub.hub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tracehub.hub.logging.ClientNames;

/**
 * Warns once per start about a request that still carries {@code X-Forwarded-For} once the server has taken what it
 * believes of it: the hub counts that client by the connection's address. Behind a reverse proxy the hub left at
 * {@code server.forward-headers-strategy: none} (or a proxy missing from {@code internal-proxies}), every sign-in comes
 * from the proxy, and 30 failures from anyone lock every sender's sign-in for 15 minutes; nothing said why. Once: a
 * client may send the header on purpose, and a line per request would fill the log.
 */
@Component
class UntrustedForwardedForWarning extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(UntrustedForwardedForWarning.class);

    private final String strategy;
    private final AtomicBoolean warned = new AtomicBoolean();

    UntrustedForwardedForWarning(@Value("${server.forward-headers-strategy:none}") String strategy) {
        this.strategy = strategy;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!warned.get() && request.getHeader("X-Forwarded-For") != null && warned.compareAndSet(false, true)) {
            log.warn("A request from {} carries X-Forwarded-For ({}), which the hub does not believe from that address "
                    + "(server.forward-headers-strategy={}, server.tomcat.remoteip.internal-proxies): it counts the client as {}. "
                    + "If the hub is behind a reverse proxy, every sign-in is counted as the proxy's, and 30 failures lock "
                    + "everyone's: set server.forward-headers-strategy=native and internal-proxies to a regex of the proxy's "
                    + "addresses (hub/README.md, security). Said once per start", request.getRemoteAddr(),
                    ClientNames.shown(request.getHeader("X-Forwarded-For")), strategy, request.getRemoteAddr());
        }
        chain.doFilter(request, response);
    }
}
