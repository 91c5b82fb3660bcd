/**
 * Contract tests for your own storage: extend {@link io.github.alipaystarter.store.tck.PaymentLedgerContract}
 * or {@link io.github.alipaystarter.store.tck.NotificationJournalContract} in a JUnit 5 test, return your
 * implementation from the factory method, and run it like any test. The starter's in-memory and JDBC
 * ledgers and journals pass the same classes (the JDBC ones on H2, PostgreSQL and MariaDB).
 *
 * <pre>{@code
 * class RedisPaymentLedgerTests extends PaymentLedgerContract {
 *
 *     @Override
 *     protected PaymentLedger createLedger(Clock clock) {
 *         return new RedisPaymentLedger(redis, clock);
 *     }
 * }
 * }</pre>
 *
 * <p>A ledger whose {@code markPaid} runs the application's {@code onPaid} inside a database transaction
 * also overrides {@code writeInsideOnPaid} (write a row through that transaction) and
 * {@code committedWrites} (read the rows back outside it), so that the contract checks that onPaid's work
 * commits and rolls back together with the PAID state; {@code cleanUp} drops what the test created.
 * Add the module with test scope:
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>io.github.alipaystarter</groupId>
 *   <artifactId>alipay-starter-store-tck</artifactId>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 */
package io.github.alipaystarter.store.tck;
