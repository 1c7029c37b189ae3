package org.tracehub.mappings.expr;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.Assign;
import org.springframework.expression.spel.ast.BeanReference;
import org.springframework.expression.spel.ast.ConstructorReference;
import org.springframework.expression.spel.ast.FunctionReference;
import org.springframework.expression.spel.ast.Indexer;
import org.springframework.expression.spel.ast.MethodReference;
import org.springframework.expression.spel.ast.OpDec;
import org.springframework.expression.spel.ast.OpInc;
import org.springframework.expression.spel.ast.PropertyOrFieldReference;
import org.springframework.expression.spel.ast.QualifiedIdentifier;
import org.springframework.expression.spel.ast.StringLiteral;
import org.springframework.expression.spel.ast.TypeReference;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

/**
 * A spec expression (Spring SpEL) confined to a sandbox. The root object is the row, a map of
 * column name → normalised cell text, read as {@code ['列名']}; {@code #value} is the field's own
 * cell. Type references ({@code T(…)}), bean references ({@code @x}), constructors ({@code new …}),
 * method calls ({@code ''.getClass()}), assignments and bare property names are refused when the
 * spec is loaded; the only callable functions are those of {@link ExpressionFunctions}. Evaluation
 * also runs in a {@link SimpleEvaluationContext} without property accessors or method resolvers, so
 * a construct that slipped past the checks still cannot reach a Java object.
 */
public final class SandboxedExpression {

    /** The variable holding the field's own cell. */
    public static final String VALUE = "value";

    private static final SpelExpressionParser PARSER = new SpelExpressionParser();
    private static final Map<String, Method> FUNCTIONS = functions();
    private static final Set<String> VARIABLES = Set.of(VALUE, "root", "this");

    private final SpelExpression expression;
    private final Set<String> columns;

    private SandboxedExpression(SpelExpression expression, Set<String> columns) {
        this.expression = expression;
        this.columns = columns;
    }

    /** Parses and checks an expression; the exception message says, in English, what is not allowed. */
    public static SandboxedExpression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ExpressionRefusedException("the expression is empty");
        }
        SpelExpression parsed;
        try {
            parsed = (SpelExpression) PARSER.parseExpression(text);
        } catch (ParseException e) {
            throw new ExpressionRefusedException("cannot parse expression: " + e.getSimpleMessage()
                    + " (at character " + (e.getPosition() + 1) + ")");
        }
        Set<String> columns = new LinkedHashSet<>();
        check(parsed.getAST(), null, columns);
        return new SandboxedExpression(parsed, Collections.unmodifiableSet(columns));
    }

    public String text() {
        return expression.getExpressionString();
    }

    /** The column names the expression reads with {@code ['列名']} or {@code [列名]}, in order of appearance. */
    public Set<String> referencedColumns() {
        return columns;
    }

    /**
     * Evaluates over one row. The row map should hold every header column (a missing column reads as
     * null). Failures are {@link EvaluationException}s, for the caller to turn into a row error.
     */
    public Object evaluate(Map<String, String> row, String value) {
        return expression.getValue(context(row, value));
    }

    /** For skip rules: true only when the expression yields true; a non-boolean result is an evaluation error. */
    public boolean test(Map<String, String> row) {
        return Boolean.TRUE.equals(expression.getValue(context(row, null), Boolean.class));
    }

    private static SimpleEvaluationContext context(Map<String, String> row, String value) {
        SimpleEvaluationContext context = SimpleEvaluationContext.forPropertyAccessors()
                .withAssignmentDisabled()
                .withRootObject(Collections.unmodifiableMap(row))
                .build();
        context.setVariable(VALUE, value);
        FUNCTIONS.forEach(context::setVariable);
        return context;
    }

    private static void check(SpelNode node, SpelNode parent, Set<String> columns) {
        String where = " in '" + node.toStringAST() + "'";
        if (node instanceof TypeReference || node instanceof QualifiedIdentifier) {
            throw new ExpressionRefusedException("type references (T(…)) are not allowed" + where);
        }
        if (node instanceof BeanReference) {
            throw new ExpressionRefusedException("bean references (@…) are not allowed" + where);
        }
        if (node instanceof ConstructorReference) {
            throw new ExpressionRefusedException("constructors (new …) are not allowed" + where);
        }
        if (node instanceof MethodReference) {
            throw new ExpressionRefusedException("method calls are not allowed; use the functions #trim(s), #concat(a, b), "
                    + "#substring(s, start, end), #replace(s, a, b)" + where);
        }
        if (node instanceof Assign || node instanceof OpInc || node instanceof OpDec) {
            throw new ExpressionRefusedException("assignments are not allowed: expressions only read the row" + where);
        }
        if (node instanceof FunctionReference) {
            String name = nameOf(node.toStringAST());
            if (!FUNCTIONS.containsKey(name)) {
                throw new ExpressionRefusedException("unknown function #" + name + "; allowed: #trim, #concat, #substring, #replace");
            }
        }
        if (node instanceof VariableReference) {
            String name = nameOf(node.toStringAST());
            if (!VARIABLES.contains(name)) {
                throw new ExpressionRefusedException("unknown variable #" + name + "; the field's own cell is #value");
            }
        }
        if (node instanceof PropertyOrFieldReference p && !(parent instanceof Indexer)) {
            throw new ExpressionRefusedException("'" + p.getName() + "' is a bare name: read a column as ['" + p.getName() + "']");
        }
        if (node instanceof Indexer && node.getChildCount() == 1) {
            SpelNode index = node.getChild(0);
            if (index instanceof StringLiteral s) {
                columns.add(String.valueOf(s.getLiteralValue().getValue()));
            } else if (index instanceof PropertyOrFieldReference p) {
                columns.add(p.getName());
            }
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            check(node.getChild(i), node, columns);
        }
    }

    /**
     * The column a constant text is joined to by {@code #concat} at the top of the expression (also through nested
     * {@code #concat}s) — {@code #concat('CM021-', ['地块编号'])} gives 地块编号, {@code "#value"} for the field's own cell —
     * or null. {@code #concat} reads null as empty, so for an empty cell such an expression gives the bare constant, and
     * the row is accepted with it; an expression that guards the cell ({@code #value == null ? null : …}) is not one.
     */
    public String columnJoinedToConstant() {
        return joinedToConstant(expression.getAST());
    }

    private static String joinedToConstant(SpelNode node) {
        if (!(node instanceof FunctionReference) || !"concat".equals(nameOf(node.toStringAST())) || node.getChildCount() != 2) {
            return null;
        }
        SpelNode a = node.getChild(0);
        SpelNode b = node.getChild(1);
        String column = isText(a) ? columnOf(b) : isText(b) ? columnOf(a) : null;
        if (column != null) {
            return column;
        }
        String inner = joinedToConstant(a);
        return inner != null ? inner : joinedToConstant(b);
    }

    private static boolean isText(SpelNode node) {
        return node instanceof StringLiteral s && !String.valueOf(s.getLiteralValue().getValue()).isEmpty();
    }

    private static String columnOf(SpelNode node) {
        if (node instanceof VariableReference && VALUE.equals(nameOf(node.toStringAST()))) {
            return "#" + VALUE;
        }
        if (node instanceof Indexer && node.getChildCount() == 1) {
            SpelNode index = node.getChild(0);
            if (index instanceof StringLiteral s) {
                return String.valueOf(s.getLiteralValue().getValue());
            }
            if (index instanceof PropertyOrFieldReference p) {
                return p.getName();
            }
        }
        return null;
    }

    /** {@code #name(…)} or {@code #name} → name. */
    private static String nameOf(String ast) {
        String s = ast.startsWith("#") ? ast.substring(1) : ast;
        int paren = s.indexOf('(');
        return paren < 0 ? s : s.substring(0, paren);
    }

    private static Map<String, Method> functions() {
        try {
            return Map.of(
                    "trim", ExpressionFunctions.class.getMethod("trim", String.class),
                    "concat", ExpressionFunctions.class.getMethod("concat", Object.class, Object.class),
                    "substring", ExpressionFunctions.class.getMethod("substring", String.class, int.class, int.class),
                    "replace", ExpressionFunctions.class.getMethod("replace", String.class, String.class, String.class));
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
