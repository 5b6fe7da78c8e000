package io.kappa.client.versions;

import io.kappa.client.cassandra.RowMapper;

import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.exceptions.DriverException;
import io.kappa.cassandra.CassandraConnection;
import io.kappa.cassandra.CassandraSchema;
import io.kappa.cassandra.CassandraSettings;
import io.kappa.cassandra.Tables;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The versions {@code bin/kappa version start} made ({@link Tables#VERSIONS} in {@code kappa_meta}): how each runs,
 * its job, when it was retired and where its last savepoint is.
 */
public final class VersionRegistry {

    /** A row of {@link Tables#VERSIONS}. */
    public record Entry(String name, String groupId, String wordsTopic, String weatherTopic, long allowedLatenessMs,
                        String jobArgs, String jar, String jobId, Long startedAt, Long retiredAt, String savepoint) {
        public boolean retired() {
            return retiredAt != null;
        }
    }

    private static final RowMapper<Entry> ENTRY = RowMapper.of(Tables.VERSIONS, Entry.class);
    private final CassandraSettings cassandra;

    public VersionRegistry(CassandraSettings any) {
        this.cassandra = any;
    }

    public List<Entry> all() {
        try (CassandraConnection c = CassandraConnection.open(cassandra)) {
            return ENTRY.map(c.session().execute(Tables.VERSIONS.select(Tables.META_KEYSPACE)).all());
        } catch (DriverException e) {
            return List.of(); // no meta keyspace yet: no version was started
        }
    }

    public Optional<Entry> find(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Records a version that starts now (a version started again replaces its entry). */
    public void started(Entry e) {
        write(e, null, null);
    }

    public void retired(Entry e, String savepoint) {
        write(e, System.currentTimeMillis(), savepoint);
    }

    private void write(Entry e, Long retiredAt, String savepoint) {
        try (CassandraConnection c = CassandraConnection.open(cassandra)) {
            Session s = c.session();
            for (String cql : CassandraSchema.metaStatements(cassandra.replicationFactor(c.cluster()))) {
                s.execute(cql);
            }
            List<String> marks = new ArrayList<>();
            Tables.VERSIONS.columnNames().forEach(n -> marks.add("?"));
            s.execute("INSERT INTO " + Tables.VERSIONS.in(Tables.META_KEYSPACE) + " ("
                            + String.join(", ", Tables.VERSIONS.columnNames()) + ") VALUES (" + String.join(", ", marks) + ")",
                    e.name(), e.groupId(), e.wordsTopic(), e.weatherTopic(), e.allowedLatenessMs(), e.jobArgs(), e.jar(),
                    e.jobId(), e.startedAt() == null ? null : new Date(e.startedAt()),
                    retiredAt == null ? null : new Date(retiredAt), savepoint);
        }
    }

    /** Reads one row: used by {@link #all}. */
    static Entry map(Row row) {
        return ENTRY.map(row);
    }
}
