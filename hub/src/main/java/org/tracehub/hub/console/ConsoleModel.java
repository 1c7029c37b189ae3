package org.tracehub.hub.console;

import java.time.Clock;
import java.util.stream.Collectors;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.tracehub.hub.security.HubRole;
import org.tracehub.hub.security.HubUser;
import org.tracehub.hub.security.SecurityCurrentUser;

/**
 * What every console page's model holds: formatting ({@code ui}), the signed-in user ({@code user})
 * and the actions that user may take ({@code actions}), so a button is shown only to whom pressing
 * it can work. The security rules decide; this only mirrors them.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
public class ConsoleModel {

    private final ConsoleView view;
    private final SecurityCurrentUser currentUser;

    public ConsoleModel(Clock clock, SecurityCurrentUser currentUser) {
        this.view = new ConsoleView(clock);
        this.currentUser = currentUser;
    }

    @ModelAttribute("ui")
    public ConsoleView ui() {
        return view;
    }

    @ModelAttribute("user")
    public ConsoleUser user() {
        return currentUser.user()
                .map(u -> new ConsoleUser(true, u.getUsername(), roles(u), currentUser.has(HubRole.ADMIN)))
                .orElse(new ConsoleUser(false, SecurityCurrentUser.ANONYMOUS, "", false));
    }

    @ModelAttribute("actions")
    public Available actions() {
        boolean admin = currentUser.has(HubRole.ADMIN);
        boolean operator = currentUser.has(HubRole.OPERATOR);
        return new Available(admin, operator, admin, operator);
    }

    private static String roles(HubUser user) {
        return user.roles().stream().map(HubRole::chineseName).collect(Collectors.joining("、"));
    }

    /** The signed-in user as the page header shows it. */
    public record ConsoleUser(boolean signedIn, String name, String roles, boolean admin) {
    }

    /**
     * Whether the user may reprocess (ADMIN), retry (OPERATOR and above), upload (ADMIN) and download a batch's original
     * and its error report with the refused rows' cells (OPERATOR and above).
     */
    public record Available(boolean reprocess, boolean retry, boolean upload, boolean downloads) {
    }
}
