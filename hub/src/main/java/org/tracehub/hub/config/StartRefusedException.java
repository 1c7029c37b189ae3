package org.tracehub.hub.config;

/**
 * A start refused on a setting an admin got wrong: what is wrong and what to do, each in Chinese and then English, naming
 * the setting (and the profile or environment variable that set it), with a stable code. Shown by
 * {@link StartRefusedFailureAnalyzer} instead of a stack trace.
 */
public class StartRefusedException extends IllegalStateException {

    private final String code;
    private final String description;
    private final String action;

    public StartRefusedException(String code, String description, String action) {
        this(code, description, action, null);
    }

    public StartRefusedException(String code, String description, String action, Throwable cause) {
        super(description + " " + action + "（" + code + "）", cause);
        this.code = code;
        this.description = description;
        this.action = action;
    }

    public String code() {
        return code;
    }

    String description() {
        return description + "（" + code + "）";
    }

    String action() {
        return action;
    }
}
