package io.github.alipaystarter.sandbox;

import java.io.PrintStream;

/**
 * Where the sandbox writes its console: one line per event (a request accepted or refused, with the
 * code and the canonical string it signed; each notification delivery with the URL, the HTTP status,
 * the answer and the next attempt; notify_verify and query calls; refunds, closes, finishes). A line
 * marked {@code problem} is something the merchant must look at: a refused request, a delivery that was
 * not answered {@code success}, above all one that could not connect. Lines never contain a key.
 *
 * <pre>{@code
 * AlipaySandbox.builder().log(SandboxLog.printTo(System.out, false)).start();
 * }</pre>
 */
@FunctionalInterface
public interface SandboxLog {

    /** Writes nothing (the console page {@code /} still shows everything). */
    SandboxLog NONE = (text, problem) -> { };

    void line(String text, boolean problem);

    /** Prints each line; with {@code ansiColours}, problems in red (for a terminal). */
    static SandboxLog printTo(PrintStream out, boolean ansiColours) {
        return (text, problem) -> out.println(problem && ansiColours ? "\u001B[31m" + text + "\u001B[0m" : text);
    }

    /** Logs each line through {@link System.Logger} {@code io.github.alipaystarter.sandbox.console}: INFO, problems WARNING. */
    static SandboxLog systemLogger() {
        System.Logger logger = System.getLogger("io.github.alipaystarter.sandbox.console");
        return (text, problem) -> logger.log(problem ? System.Logger.Level.WARNING : System.Logger.Level.INFO, text);
    }
}
