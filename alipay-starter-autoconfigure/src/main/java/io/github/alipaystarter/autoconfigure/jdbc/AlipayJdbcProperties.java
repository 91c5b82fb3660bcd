package io.github.alipaystarter.autoconfigure.jdbc;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * Configuration of the JDBC payment ledger and notification journal, used when the application has a
 * single {@link javax.sql.DataSource}.
 */
@ConfigurationProperties("alipay.jdbc")
public class AlipayJdbcProperties {

    /**
     * When to create the ledger and journal tables at start-up: "embedded" only for an embedded database
     * (H2, HSQLDB, Derby), "always", or "never" (create them yourself, e.g. with Flyway, from the migration
     * files in db/alipay/{h2,postgresql,mysql}). Creation uses CREATE TABLE IF NOT EXISTS and is safe
     * when several instances start at once. Start-up fails when the tables are missing.
     */
    private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

    /**
     * Prefix of the table names ({prefix}trade, {prefix}journal and {prefix}journal_rejected). A letter or underscore, then
     * letters, digits and underscores, at most 30 characters.
     */
    private String tablePrefix = "alipay_";

    /**
     * Age after which journal entries of verified deliveries (notifications, returns and query answers
     * whose origin was established) are deleted.
     */
    private Duration journalRetention = Duration.ofDays(90);

    /**
     * Age after which journal entries of rejected deliveries (bad signature, malformed, oversized) and
     * their summaries are deleted.
     */
    private Duration journalRejectedRetention = Duration.ofDays(7);

    /**
     * Time between two sweeps of the journal (old entries deleted, entries left processing by a crash
     * closed as INTERRUPTED). The first sweep runs at start-up.
     */
    private Duration journalSweepInterval = Duration.ofMinutes(10);

    /** Maximum number of journal entries deleted by one statement of a sweep. */
    private int journalSweepBatchSize = 1000;

    /**
     * Age after which a journal entry still without outcome counts as interrupted (the process handling
     * it stopped). Must exceed the longest processing of a delivery (gateway read timeout, onPaid, lock
     * waits).
     */
    private Duration journalInterruptedAfter = Duration.ofMinutes(10);

    /**
     * Whether the journal rows of deliveries whose outcome is known at once (duplicates, refusals,
     * rejected deliveries) are queued in memory and written in batches by a thread of their own, one
     * transaction per batch. Processing entries and outcomes that change the ledger are always written at
     * once. A process killed without a stop loses at most journal-write-behind-capacity queued rows.
     */
    private boolean journalWriteBehind = true;

    /**
     * Maximum number of journal rows waiting to be written behind; when the queue is full a delivery
     * writes its row itself, at once.
     */
    private int journalWriteBehindCapacity = 2000;

    /**
     * Longest time one statement of the ledger may run (JDBC query timeout, whole seconds, rounded
     * up), so that a database that stops answering makes a notification fail within seconds. Set the
     * pool's connection timeout and the driver's socket timeout as well (see docs/reliability.md).
     */
    private Duration queryTimeout = Duration.ofSeconds(5);

    /**
     * Longest time the ledger's transaction that marks a trade paid may run, the application's onPaid
     * included (whole seconds, rounded up). Ignored when the ledger joins a transaction of the caller.
     */
    private Duration transactionTimeout = Duration.ofSeconds(15);

    public boolean isJournalWriteBehind() {
        return this.journalWriteBehind;
    }

    public void setJournalWriteBehind(boolean journalWriteBehind) {
        this.journalWriteBehind = journalWriteBehind;
    }

    public int getJournalWriteBehindCapacity() {
        return this.journalWriteBehindCapacity;
    }

    public void setJournalWriteBehindCapacity(int journalWriteBehindCapacity) {
        this.journalWriteBehindCapacity = journalWriteBehindCapacity;
    }

    public Duration getQueryTimeout() {
        return this.queryTimeout;
    }

    public void setQueryTimeout(Duration queryTimeout) {
        this.queryTimeout = queryTimeout;
    }

    public Duration getTransactionTimeout() {
        return this.transactionTimeout;
    }

    public void setTransactionTimeout(Duration transactionTimeout) {
        this.transactionTimeout = transactionTimeout;
    }

    public DatabaseInitializationMode getInitializeSchema() {
        return this.initializeSchema;
    }

    public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
        this.initializeSchema = initializeSchema;
    }

    public String getTablePrefix() {
        return this.tablePrefix;
    }

    public void setTablePrefix(String tablePrefix) {
        this.tablePrefix = tablePrefix;
    }

    public Duration getJournalRetention() {
        return this.journalRetention;
    }

    public void setJournalRetention(Duration journalRetention) {
        this.journalRetention = journalRetention;
    }

    public Duration getJournalRejectedRetention() {
        return this.journalRejectedRetention;
    }

    public void setJournalRejectedRetention(Duration journalRejectedRetention) {
        this.journalRejectedRetention = journalRejectedRetention;
    }

    public Duration getJournalSweepInterval() {
        return this.journalSweepInterval;
    }

    public void setJournalSweepInterval(Duration journalSweepInterval) {
        this.journalSweepInterval = journalSweepInterval;
    }

    public int getJournalSweepBatchSize() {
        return this.journalSweepBatchSize;
    }

    public void setJournalSweepBatchSize(int journalSweepBatchSize) {
        this.journalSweepBatchSize = journalSweepBatchSize;
    }

    public Duration getJournalInterruptedAfter() {
        return this.journalInterruptedAfter;
    }

    public void setJournalInterruptedAfter(Duration journalInterruptedAfter) {
        this.journalInterruptedAfter = journalInterruptedAfter;
    }
}
