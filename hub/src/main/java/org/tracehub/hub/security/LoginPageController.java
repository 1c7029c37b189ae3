package org.tracehub.hub.security;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tracehub.hub.sftp.LoginLockout;

/** The console's sign-in page; Spring Security handles the POST and the logout. */
@Controller
public class LoginPageController {

    private final LoginLockout lockout;

    public LoginPageController(LoginLockout lockout) {
        this.lockout = lockout;
    }

    @GetMapping("/login")
    public String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                        @RequestParam(required = false) String locked, Model model) {
        model.addAttribute("failed", error != null);
        // the sign-in was refused without its password being checked: say so, or the clerk keeps retyping it
        model.addAttribute("locked", locked != null);
        model.addAttribute("lockMinutes", LoginLockedException.minutes(lockout.lockout()));
        model.addAttribute("loggedOut", logout != null);
        return "security/login";
    }
}
