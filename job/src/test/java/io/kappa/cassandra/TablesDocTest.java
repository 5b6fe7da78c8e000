package io.kappa.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * docs/tables.md, the reference for readers outside the CLI, shows every table exactly as the job and the CLI create it
 * ({@link Table#createStatement}) and says what each of its columns holds: a column added, renamed or retyped fails
 * here until the page says so.
 */
class TablesDocTest {
    private static final Path PAGE = Path.of("..", "docs", "tables.md");

    private static List<Table<?>> tables() {
        List<Table<?>> all = new ArrayList<>(Tables.OUTPUT);
        all.add(Tables.SERVING);
        all.add(Tables.VERSIONS);
        return all;
    }

    private static String keyspaceOf(Table<?> t) {
        return Tables.OUTPUT.contains(t) ? "kappa" : Tables.META_KEYSPACE;
    }

    @Test
    void everyTableIsShownAsItIsCreated() throws IOException {
        String page = Files.readString(PAGE);
        SoftAssertions soft = new SoftAssertions();
        for (Table<?> t : tables()) {
            String cql = t.createStatement(keyspaceOf(t)) + ";";
            soft.assertThat(page).as("docs/tables.md must show, in a ```sql block, exactly:%n%s%n", cql).contains(cql);
        }
        soft.assertAll();
    }

    @Test
    void everyColumnIsDescribedInItsTablesSection() throws IOException {
        String page = Files.readString(PAGE);
        for (Table<?> t : tables()) {
            String heading = "### `" + t.in(keyspaceOf(t)) + "`";
            int start = page.indexOf(heading);
            assertThat(start).as("docs/tables.md needs the section %s", heading).isNotNegative();
            int end = page.indexOf("\n#", start + heading.length());
            String section = page.substring(start, end < 0 ? page.length() : end);
            for (String column : t.columnNames()) {
                assertThat(section).as("%s describes column %s in a row '| `%s` | …'", heading, column, column)
                        .contains("| `" + column + "` |");
            }
        }
    }
}
