package io.github.alipaystarter.core;

/**
 * A configuration value is wrong. Says which property, what is wrong with it and how to fix it;
 * never contains a secret's value.
 */
public class AlipayConfigException extends IllegalArgumentException {

    private final String property;
    private final String problem;
    private final String fix;

    public AlipayConfigException(String property, String problem, String fix) {
        super(property + ": " + problem + ". Fix: " + fix);
        this.property = property;
        this.problem = problem;
        this.fix = fix;
    }

    /** The configuration key in core terms ({@code partner}, {@code key}, {@code notify-url}, ...). */
    public String property() {
        return property;
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}
