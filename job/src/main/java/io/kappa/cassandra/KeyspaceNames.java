package io.kappa.cassandra;

import io.kappa.core.InvalidOptionException;
import java.util.Locale;
import java.util.Set;

/**
 * What may name an output version (a keyspace): the one check every command and the job make, so that a name is
 * accepted or refused the same way everywhere.
 *
 * <ul>
 *   <li>a lower-case letter, then up to 47 lower-case letters, digits or {@code _}: CQL folds unquoted names to lower
 *       case, so {@code Foo} and {@code foo} would be one keyspace (and a quoted mixed-case name would need quotes in
 *       every reader's query);</li>
 *   <li>not a reserved CQL keyword ({@code select}, {@code table}, …): it could not be written unquoted;</li>
 *   <li>not Cassandra's own keyspaces ({@code system}, {@code system_*}) nor the pipeline's metadata
 *       ({@value Tables#META_KEYSPACE}).</li>
 * </ul>
 */
public final class KeyspaceNames {
    private KeyspaceNames() {}

    /** Cassandra 5's reserved CQL keywords (Appendix A of the CQL reference), lower case. */
    static final Set<String> RESERVED = Set.of("add", "allow", "alter", "and", "apply", "asc", "authorize", "batch",
            "begin", "between", "by", "columnfamily", "create", "default", "delete", "desc", "describe", "drop",
            "entries", "execute", "for", "from", "full", "grant", "if", "in", "index", "infinity", "insert", "into",
            "is", "keyspace", "limit", "materialized", "mbean", "mbeans", "modify", "nan", "norecursive", "not", "null",
            "of", "on", "or", "order", "primary", "rename", "replace", "revoke", "schema", "select", "set", "table",
            "to", "token", "truncate", "unlogged", "unset", "update", "use", "using", "view", "where", "with");

    /** Null when {@code name} may name an output version, else why not. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "is empty";
        }
        if (!name.matches("[a-z][a-z0-9_]{0,47}")) {
            return name.matches("[A-Za-z][A-Za-z0-9_]{0,47}")
                    ? "has capital letters: Cassandra folds names to lower case, so use '" + name.toLowerCase(Locale.ROOT)
                    + "'"
                    : "must be a lower-case letter, then up to 47 lower-case letters, digits or _";
        }
        if (RESERVED.contains(name)) {
            return "is a reserved CQL word";
        }
        if (name.equals(Tables.META_KEYSPACE) || name.equals("system") || name.startsWith("system_")) {
            return "is a keyspace of " + (name.equals(Tables.META_KEYSPACE) ? "the pipeline's metadata" : "Cassandra's own");
        }
        return null;
    }

    public static boolean isValid(String name) {
        return problem(name) == null;
    }

    /**
     * @param option what names it for the user ({@code --keyspace}, {@code version start NAME})
     * @return the name
     * @throws InvalidOptionException one line naming the option, the name and what is wrong
     */
    public static String require(String name, String option) {
        String problem = problem(name);
        if (problem != null) {
            throw new InvalidOptionException(option + " '" + name + "' " + problem);
        }
        return name;
    }
}
