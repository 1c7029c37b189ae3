package org.tracehub.mappings.expr;

/** An expression a spec may not use: it does not parse, or it reaches outside the sandbox. */
public class ExpressionRefusedException extends RuntimeException {

    public ExpressionRefusedException(String message) {
        super(message);
    }
}
