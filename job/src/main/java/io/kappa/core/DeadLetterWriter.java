package io.kappa.core;

import java.io.Serializable;
import java.util.Map;

/**
 * Where a sink puts what it cannot write and no retry can fix (docs/semantics.md: bad input loses nothing): a dead
 * letter naming the table, the row and the reason. Opened in the sink's task, flushed before a checkpoint completes.
 */
public interface DeadLetterWriter extends Serializable {
    void open();

    /** @param row the row's columns by name */
    void write(String table, Map<String, Object> row, String reason);

    /** Waits until everything written so far is stored; throws when something could not be. */
    void flush();

    void close();
}
