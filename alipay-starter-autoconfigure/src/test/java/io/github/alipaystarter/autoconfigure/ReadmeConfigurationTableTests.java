package io.github.alipaystarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

/**
 * The configuration table of the project's {@code README.md} lists exactly the {@code alipay.*}
 * properties of the IDE metadata that the configuration processor generates from
 * {@link AlipayProperties} and {@code AlipayJdbcProperties}, with the same defaults. A property added
 * to the code without a README row, a row for a property that no longer exists, or a default changed
 * on one side only fails here. The JSON is read with JsonPath, which Boot 4.0 and 3.5 both bring.
 */
class ReadmeConfigurationTableTests {

    /** Surefire runs in the module directory; the README is the project's, one level up. */
    private static final Path README = Path.of("..", "README.md");

    private static final String SECTION = "## Configuration";

    /** {@code | `alipay.x` | default | meaning |} */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`(alipay\\.[a-z0-9.-]+)`\\s*\\|([^|]*)\\|.*\\|\\s*$");

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Test
    void listsEveryAlipayPropertyOfTheIdeMetadataAndNoOther() throws Exception {
        Map<String, String> readme = readmeRows(readme());
        Map<String, Map<String, Object>> metadata = metadata();

        assertThat(readme.keySet()).as("alipay.* keys of the README's configuration table (left) against "
                + "META-INF/spring-configuration-metadata.json (right)")
            .containsExactlyInAnyOrderElementsOf(metadata.keySet());
    }

    @Test
    void showsTheDefaultOfTheIdeMetadata() throws Exception {
        Map<String, String> readme = readmeRows(readme());
        Map<String, Map<String, Object>> metadata = metadata();

        List<String> mismatches = new ArrayList<>();
        metadata.forEach((name, property) -> {
            String cell = readme.get(name);
            if (cell == null) {
                mismatches.add(name + ": no README row");
                return;
            }
            // A JSON string, number or boolean; null when absent or JSON null.
            Object defaultValue = property.get("defaultValue");
            if (defaultValue == null) {
                // No default in the code: the README may explain (e.g. "the partner"), but not claim a literal.
                if (cell.matches(".*`[^`]*`.*")) {
                    mismatches.add(name + ": README says " + cell + ", the code has no default");
                }
            }
            else if (!normalise(cell).equals(normalise(String.valueOf(defaultValue)))) {
                mismatches.add(name + ": README says " + cell + ", the metadata " + defaultValue);
            }
        });

        assertThat(mismatches).as("defaults in the README's configuration table against the IDE metadata").isEmpty();
    }

    @Test
    void recognisesATableRowAndItsDefault() {
        Map<String, String> rows = readmeRows(List.of("# x", SECTION, "", "| Property | Default | Meaning |",
                "|---|---|---|", "| `alipay.web.max-body-size` | `64KB` | Largest body. |",
                "| `alipay.seller` | the partner | Seller. |", "## Next", "| `alipay.elsewhere` | `1` | not in the section |"));

        assertThat(rows).containsOnlyKeys("alipay.web.max-body-size", "alipay.seller");
        assertThat(normalise(rows.get("alipay.web.max-body-size"))).isEqualTo(normalise("64KB"));
        assertThat(normalise("`5s`")).isEqualTo(normalise("PT5S")).isNotEqualTo(normalise("5m"));
        assertThat(normalise("`MD5`")).isEqualTo(normalise("md5"));
    }

    private static List<String> readme() throws IOException {
        if (!Files.isRegularFile(README)) {
            fail("README.md not found at " + README.toAbsolutePath().normalize()
                    + ": this test expects to run in the alipay-starter-autoconfigure directory "
                    + "(Maven Surefire's default working directory), with the project's README.md one level up");
        }
        return Files.readAllLines(README, StandardCharsets.UTF_8);
    }

    /** The {@code alipay.*} rows of the configuration section: key to its default cell (trimmed). */
    static Map<String, String> readmeRows(List<String> lines) {
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inSection = false;
        boolean found = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.strip().equals(SECTION);
                found |= inSection;
                continue;
            }
            if (!inSection) {
                continue;
            }
            Matcher row = ROW.matcher(line.strip());
            if (row.matches()) {
                String previous = rows.put(row.group(1), row.group(2).strip());
                assertThat(previous).as("README lists " + row.group(1) + " twice").isNull();
            }
        }
        assertThat(found).as("README has a section \"" + SECTION + "\"").isTrue();
        assertThat(rows).as("alipay.* rows in the README's \"" + SECTION + "\" section").isNotEmpty();
        return rows;
    }

    private static Map<String, Map<String, Object>> metadata() throws IOException {
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            List<Map<String, Object>> properties = JsonPath.parse(in).read("$.properties");
            Map<String, Map<String, Object>> byName = new TreeMap<>();
            properties.forEach((p) -> {
                String name = (String) p.get("name");
                if (name.startsWith("alipay.")) {
                    byName.put(name, p);
                }
            });
            assertThat(byName).as("alipay.* properties in the generated metadata").isNotEmpty();
            return byName;
        }
    }

    /** Backticks off, case ignored; durations ({@code 5s}, {@code PT5S}) and sizes ({@code 64KB}) as values. */
    static String normalise(String value) {
        String v = value.replace("`", "").strip();
        Matcher duration = DURATION.matcher(v.toLowerCase(Locale.ROOT));
        if (duration.matches()) {
            long n = Long.parseLong(duration.group(1));
            long millis = switch (duration.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1000;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> n * 86_400_000;
            };
            return "duration:" + millis;
        }
        if (v.toUpperCase(Locale.ROOT).startsWith("PT")) {
            return "duration:" + java.time.Duration.parse(v).toMillis();
        }
        if (v.matches("\\d+(B|KB|MB|GB|TB)")) {
            return "size:" + DataSize.parse(v).toBytes();
        }
        return v.toLowerCase(Locale.ROOT);
    }

}
