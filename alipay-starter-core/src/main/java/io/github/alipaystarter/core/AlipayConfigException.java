package io.github.alipaystarter.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration value is wrong. Says which property, what is wrong with it and how to fix it;
 * never contains a secret's value. When several values are wrong, one exception carries them all
 * ({@link #problems()}, in the order of the checks), so that they can be fixed in one go;
 * {@link #property()}, {@link #problem()} and {@link #fix()} are those of the first.
 */
public class AlipayConfigException extends IllegalArgumentException {

    /**
     * One wrong value.
     *
     * @param property the configuration key in core terms ({@code partner}, {@code notify-url}, ...)
     * @param problem what is wrong, without a secret's value
     * @param fix what to do
     */
    public record Problem(String property, String problem, String fix) {

        @Override
        public String toString() {
            return property + ": " + problem + ". Fix: " + fix;
        }
    }

    private final List<Problem> problems;

    public AlipayConfigException(String property, String problem, String fix) {
        this(List.of(new Problem(property, problem, fix)));
    }

    /** Several wrong values at once; at least one. */
    public AlipayConfigException(List<Problem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    private static String message(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an AlipayConfigException needs at least one problem");
        }
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return problems.stream().map(Problem::toString)
                .collect(Collectors.joining("\n  ", problems.get(0) + "\n(" + problems.size() + " problems in all:\n  ", ")"));
    }

    /** Every wrong value, in the order of the checks; one or more. */
    public List<Problem> problems() {
        return problems;
    }

    /** The configuration key in core terms ({@code partner}, {@code key}, {@code notify-url}, ...) of the first problem. */
    public String property() {
        return problems.get(0).property();
    }

    public String problem() {
        return problems.get(0).problem();
    }

    public String fix() {
        return problems.get(0).fix();
    }
}
