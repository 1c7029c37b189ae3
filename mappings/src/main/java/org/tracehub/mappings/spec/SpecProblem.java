package org.tracehub.mappings.spec;

/** One mistake in a spec file: where it is and what to do about it. */
public record SpecProblem(String file, int line, String key, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + (key == null ? "" : key + ": ") + message;
    }
}
