package org.tracehub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.testing.BothDatabases;

/**
 * PostgreSQL makes no index for a foreign key's referencing columns (H2 does), and Spring Batch's schema declares none:
 * without one, every look-up of a job's executions, an execution's parameters or steps, and every delete of a parent row
 * (the purge's deleteJobInstance) reads the whole child table, which grows with every import. A batch page polls its
 * attempt's last job and step execution every second while it runs. V12 adds them; this keeps any foreign key added later
 * from going without.
 */
class JobRepositoryIndexesOnPostgresTest extends BothDatabases {

    /** Each foreign key of the schema, and whether some index of its table starts with exactly its columns (in any order). */
    private static final String FOREIGN_KEYS = """
            SELECT c.conrelid::regclass::text || '.' || c.conname || ' covered=' || EXISTS (
                     SELECT 1 FROM pg_index i
                     WHERE i.indrelid = c.conrelid
                       AND (string_to_array(i.indkey::text, ' ')::int2[])[1:array_length(c.conkey, 1)] @> c.conkey
                       AND (string_to_array(i.indkey::text, ' ')::int2[])[1:array_length(c.conkey, 1)] <@ c.conkey)
            FROM pg_constraint c
            WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
            ORDER BY 1
            """;

    @Test
    void everyForeignKeyIsTheStartOfAnIndexOnPostgres() {
        JdbcClient jdbc = migrate("postgresql", postgres());

        List<String> foreignKeys = jdbc.sql(FOREIGN_KEYS).query(String.class).list();

        assertThat(foreignKeys).contains(
                "batch_job_execution.job_inst_exec_fk covered=true",
                "batch_job_execution_context.job_exec_ctx_fk covered=true",
                "batch_job_execution_params.job_exec_params_fk covered=true",
                "batch_step_execution.job_exec_step_fk covered=true",
                "batch_step_execution_context.step_exec_ctx_fk covered=true");
        assertThat(foreignKeys).allSatisfy(key -> assertThat(key).endsWith(" covered=true"));
    }
}
