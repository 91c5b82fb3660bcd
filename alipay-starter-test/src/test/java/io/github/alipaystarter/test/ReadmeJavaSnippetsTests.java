package io.github.alipaystarter.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java snippets compile, as they are, against the starter, the sandbox, this module and
 * Spring Boot: every snippet is a whole compilation unit with its imports, so the quick start cannot rot.
 * {@code Order} and {@code Orders}, which the README leaves to the reader ("your own orders"), are the
 * only types added. The snippets that the shop in this module's tests is made of are its sources, word
 * for word: that shop's tests run them.
 */
class ReadmeJavaSnippetsTests {

    static final Path README = Path.of("..", "README.md");

    /** A ```java block: its text and the README line where its code starts. */
    record Snippet(int line, String code) {

        String className() {
            Matcher m = Pattern.compile("(?m)^(?:public\\s+|final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)").matcher(code);
            if (!m.find()) {
                throw new AssertionError("README line " + line + ": a Java snippet without a class, record or interface");
            }
            return m.group(1);
        }
    }

    static List<Snippet> snippets() throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        List<Snippet> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("```java")) {
                int indent = lines.get(i).indexOf('`');
                StringBuilder code = new StringBuilder();
                int start = i + 2;
                for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                    String l = lines.get(i);
                    code.append(l.length() >= indent ? l.substring(Math.min(indent, leadingSpaces(l))) : l.strip()).append('\n');
                }
                out.add(new Snippet(start, code.toString()));
            }
        }
        return out;
    }

    private static int leadingSpaces(String l) {
        int n = 0;
        while (n < l.length() && l.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    static final class Source extends SimpleJavaFileObject {
        final String code;
        final int readmeLine;

        Source(String name, String code, int readmeLine) {
            super(URI.create("string:///" + name + ".java"), Kind.SOURCE);
            this.code = code;
            this.readmeLine = readmeLine;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }

    @Test
    void everyJavaSnippetOfTheReadmeCompilesAsItIs(@TempDir Path classes) throws IOException {
        List<Snippet> snippets = snippets();
        assertThat(snippets).as("Java snippets in README.md").hasSizeGreaterThanOrEqualTo(4);
        List<Source> sources = new ArrayList<>();
        for (Snippet s : snippets) {
            sources.add(new Source(s.className(), s.code(), s.line()));
        }
        // the reader's own types, which the README only uses
        sources.add(new Source("Order", "record Order(String no, String title, java.math.BigDecimal amount) {}\n", 0));
        sources.add(new Source("Orders", "interface Orders { Order get(String no); }\n", 0));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"),
                    "-proc:none", "--release", "17");
            boolean ok = javac.getTask(null, files, diagnostics, options, null, sources).call();
            String errors = diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> {
                        Source s = (Source) d.getSource();
                        return (s == null ? "" : "README.md line " + (s.readmeLine + d.getLineNumber() - 1) + " (" + s.getName() + "): ")
                                + d.getMessage(Locale.ROOT);
                    })
                    .collect(Collectors.joining("\n"));
            assertThat(ok).as("the README's Java snippets do not compile:\n%s", errors).isTrue();
        }
        assertThat(classes.resolve("PaymentFlowTests.class")).exists();
        assertThat(classes.resolve("OrderPayments.class")).exists();
    }

    @Test
    void theQuickStartAndTheExampleTestAreTheSourcesOfTheShopWhoseTestsRun() throws IOException {
        List<Snippet> snippets = snippets();
        for (String name : List.of("OrderPayments", "PayController", "PaymentFlowTests")) {
            Path source = Path.of("src/test/java/com/example/shop", name + ".java");
            String withoutPackage = Files.readString(source, StandardCharsets.UTF_8).replaceFirst("^package [\\w.]+;\\n\\n", "");
            assertThat(snippets).as("a README snippet of class %s", name).filteredOn(s -> s.className().equals(name))
                    .singleElement().extracting(Snippet::code).as("README's %s, compared with %s", name, source)
                    .isEqualTo(withoutPackage);
        }
    }
}
