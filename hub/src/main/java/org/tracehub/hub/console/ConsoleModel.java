package org.tracehub.hub.console;

import java.time.Clock;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page's model holds: formatting ({@code ui}) and the available actions ({@code actions}). */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
public class ConsoleModel {

    private final ConsoleView view;
    private final ConsoleActions actions;

    public ConsoleModel(Clock clock, ConsoleActions actions) {
        this.view = new ConsoleView(clock);
        this.actions = actions;
    }

    @ModelAttribute("ui")
    public ConsoleView ui() {
        return view;
    }

    @ModelAttribute("actions")
    public ConsoleActions.Available actions() {
        return actions.available();
    }
}
