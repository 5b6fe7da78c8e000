package io.kappa.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The oracle judges the job, so it must not run the job's code: a bug there would be in both, and the differential
 * test would agree with it. This test reads every {@code .java} file of this package and fails, naming the file and the
 * line, when one imports or names a class of an {@code io.kappa} package other than {@code io.kappa.oracle}
 * ({@code import io.kappa.weather.City;}, {@code import static io.kappa.weather.WeatherMath.round1;},
 * {@code io.kappa.words.TextNormaliser.words(line)}, also inside a string, as for {@code Class.forName}). Comments
 * may name the job's classes. Libraries are fine; so is the bundled data file {@code /io/kappa/weather/cities.csv}
 * (a resource path, not a class).
 */
class OracleIndependenceTest {

    /** This package's sources, relative to the e2e module (the working directory of its surefire tests). */
    private static final Path SOURCES = Path.of("src/test/java/io/kappa/oracle");


    /** {@code io.kappa.<name>}: a package (or class) of the project named in code, with any spacing. */
    private static final Pattern PROJECT_NAME =
            Pattern.compile("\\bio\\s*\\.\\s*kappa\\s*\\.\\s*([A-Za-z_$][A-Za-z0-9_$]*|\\*)");

    @Test
    void theOraclePackageUsesNoCodeOfTheJob() throws IOException {
        List<Path> files = javaFiles();
        assertThat(files).as("the oracle's sources under " + SOURCES.toAbsolutePath()
                + " (is the working directory the e2e module?)").hasSizeGreaterThan(10);
        List<String> violations = new ArrayList<>();
        for (Path file : files) {
            violations.addAll(violations(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
        }
        assertThat(violations).as("the oracle (package io.kappa.oracle) must not use the job's code (any other"
                + " io.kappa package); it is written from docs/semantics.md alone").isEmpty();
    }

    @Test
    void noClassOfTheJobLivesInTheOraclePackage() throws IOException {
        // A class of the job's jars in package io.kappa.oracle could be used without an import: there must be none.
        List<URL> places = Collections.list(getClass().getClassLoader().getResources("io/kappa/oracle"));
        assertThat(places).as("where package io.kappa.oracle is found on the classpath").singleElement()
                .satisfies(u -> assertThat(u.getProtocol()).isEqualTo("file"))
                .satisfies(u -> assertThat(u.getPath()).endsWith("test-classes/io/kappa/oracle"));
    }

    @Test
    void theCheckFindsWhatItMust() {
        // "§" stands for the project's prefix, io + "." + kappa, so that this file itself names no other package
        String source = String.join("\n",
                "package §.oracle;",                                      // 1 fine
                "import §.oracle.WeatherJson.Num;",                       // 2 fine
                "import §.weather.City;",                                 // 3
                "import static §.weather.WeatherMath.round1;",            // 4
                "import §.words.*;",                                      // 5
                "import §.*;",                                            // 6
                "// import §.weather.Gone; a comment may name it",        // 7 fine
                "/* §.weather.CityDirectory",                             // 8 fine
                "   §.weather.ReadingParser */ class X {",                // 9 fine
                "  Object a = §.words.TextNormaliser.words(\"x\");",      // 10
                "  Object b = io . kappa",                                // 11 (the name starts here)
                "      .weather.WeatherMath.round1(1.0);",                // 12
                "  String c = \"/io/kappa/weather/cities.csv\";",         // 13 fine: a resource path
                "  Object d = Class.forName(\"§.weather.City\");",        // 14
                "  char e = '\"'; String f = \"// no comment\"; Object g = §.core.RawRecord.class;", // 15
                "  String h = \"a \\\" §.oracle.Oracle\";",               // 16 fine
                "  Object i = §.oracleX.Y.class;",                        // 17
                "  Object j = x§.weather.Z.class;",                       // 18 fine: another name
                "}").replace("§", "io" + "." + "kappa");
        assertThat(violations("X.java", source)).extracting(v -> v.substring(0, v.indexOf(' ')))
                .containsExactly("X.java:3:", "X.java:4:", "X.java:5:", "X.java:6:", "X.java:10:", "X.java:11:",
                        "X.java:14:", "X.java:15:", "X.java:17:");
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> s = Files.list(SOURCES)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".java")).sorted().toList();
        }
    }

    /** "File.java:line: the line" for every name of another io.kappa package in the file's code or strings. */
    static List<String> violations(String fileName, String source) {
        String code = withoutComments(source);
        List<String> found = new ArrayList<>();
        Matcher m = PROJECT_NAME.matcher(code);
        while (m.find()) {
            if (!m.group(1).equals("oracle")) {
                int line = lineOf(code, m.start());
                found.add(fileName + ":" + line + ": " + source.lines().skip(line - 1L).findFirst().orElse("").strip());
            }
        }
        return found;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * The source with every comment's characters made spaces (line breaks kept, so lines keep their numbers); string,
     * text block and character literals are kept, and skipped over so that {@code "//"} or {@code '"'} start nothing.
     */
    static String withoutComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) {
                    out.append(s.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                while (end > 0 && s.charAt(end - 1) == '\\') {
                    end = s.indexOf("\"\"\"", end + 1);
                }
                end = end < 0 ? n : end + 3;
                out.append(s, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && s.charAt(j) != c && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(n, j + 1);
                out.append(s, i, j);
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
