package io.github.alipaystarter.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.github.alipaystarter.core.notify.NotificationSource;
import io.github.alipaystarter.core.payment.JournalEntry;
import io.github.alipaystarter.core.payment.NotificationJournal;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.ProcessingResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@link JdbcNotificationJournal} contract, run against each database by a subclass. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcNotificationJournalContract {

    private HikariDataSource dataSource;
    private String prefix;
    private JdbcNotificationJournal journal;

    abstract HikariDataSource newDataSource();

    @BeforeAll
    void createTables() {
        dataSource = newDataSource();
        prefix = TestDatabases.randomPrefix();
        new AlipayJdbcSchemaInitializer(dataSource, DatabaseInitializationMode.ALWAYS, prefix).initialize();
        journal = new JdbcNotificationJournal(dataSource, new DataSourceTransactionManager(dataSource), prefix);
    }

    @AfterAll
    void dropTables() {
        if (dataSource != null) {
            TestDatabases.dropTables(dataSource, prefix);
            dataSource.close();
        }
    }

    @Test
    void keepsChineseParametersInTheirOrderAndReadsThemBackIdentically() {
        String no = newTradeNo();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("out_trade_no", no);
        parameters.put("subject", "测试商品 100% + & = \"引号\" \\ 反斜杠");
        parameters.put("body", "第一行\n第二行\r\n\ttab");
        parameters.put("notify_id", "RqPnCoPT3K9%2Fvwbh3InWeOSBqh");
        parameters.put("trade_status", "TRADE_SUCCESS");
        parameters.put("empty", "");
        parameters.put("sign", "abc123");

        long id = journal.received(NotificationSource.NOTIFY, parameters, null);

        JournalEntry e = single(journal.findByOutTradeNo(no));
        assertThat(e.id()).isEqualTo(id).isPositive();
        assertThat(e.source()).isEqualTo(NotificationSource.NOTIFY);
        assertThat(e.outTradeNo()).isEqualTo(no);
        assertThat(e.notifyId()).isEqualTo("RqPnCoPT3K9%2Fvwbh3InWeOSBqh");
        assertThat(e.tradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(e.parameters()).containsExactlyEntriesOf(parameters);
        assertThat(e.rawBody()).isNull();
        assertThat(e.outcome()).isNull();
        assertThat(e.reason()).isNull();
        assertThat(e.receivedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(e.completedAt()).isNull();
    }

    @Test
    void keepsA100KilobyteBinaryishBodyExactly() {
        String body = oddText(100 * 1024);

        long id = journal.received(NotificationSource.NOTIFY, null, body);

        JournalEntry e = journal.latest(50).stream().filter(j -> j.id() == id).findFirst().orElseThrow();
        assertThat(e.rawBody()).hasSize(body.length()).isEqualTo(body);
        assertThat(e.parameters()).isEmpty();
        assertThat(e.outTradeNo()).isNull();
    }

    @Test
    void keepsOddParameterValuesCompleteAndCutsOnlyTheSearchColumns() {
        String longNo = "N" + "号".repeat(70) + "\u0000tail";
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("out_trade_no", longNo);
        parameters.put("notify_id", "x".repeat(500));
        parameters.put("trade_status", "\u0000\u0001WAIT\uD800BUYER😀PAY".repeat(5));
        parameters.put("\u0000weird key\uDC00", oddText(3000));
        parameters.put("emoji", "😀😃 4-byte characters");

        long id = journal.received(NotificationSource.RETURN, parameters, "out_trade_no=" + longNo);

        JournalEntry e = single(journal.findByOutTradeNo(longNo));
        assertThat(e.id()).isEqualTo(id);
        assertThat(e.parameters()).containsExactlyEntriesOf(parameters);
        assertThat(e.rawBody()).isEqualTo("out_trade_no=" + longNo);
        assertThat(e.outTradeNo()).hasSize(64).startsWith("N号号").doesNotContain("\u0000");
        assertThat(e.notifyId()).hasSize(128);
        assertThat(e.tradeStatus()).hasSizeLessThanOrEqualTo(32).startsWith("  WAIT\uFFFDBUYER😀PAY");
    }

    @Test
    void completedRecordsTheOutcomeAndFillsTheOutTradeNo() {
        String no = newTradeNo();
        long id = journal.received(NotificationSource.NOTIFY, Map.of("garbage", "yes"), "garbage=yes");

        journal.completed(id, new ProcessingResult(Outcome.MALFORMED, "out_trade_no missing; 原因 " + "r".repeat(2000), no));

        JournalEntry e = single(journal.findByOutTradeNo(no));
        assertThat(e.id()).isEqualTo(id);
        assertThat(e.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(e.reason()).startsWith("out_trade_no missing; 原因 rrr").hasSize(1000);
        assertThat(e.completedAt()).isAfterOrEqualTo(e.receivedAt());
    }

    @Test
    void completedKeepsTheOutTradeNoThatArrived() {
        String no = newTradeNo();
        long id = journal.received(NotificationSource.NOTIFY, Map.of("out_trade_no", no), null);

        journal.completed(id, new ProcessingResult(Outcome.PAID, "paid", "another"));

        assertThat(single(journal.findByOutTradeNo(no)).outcome()).isEqualTo(Outcome.PAID);
        assertThat(journal.findByOutTradeNo("another")).isEmpty();
    }

    @Test
    void findsTheEntriesOfATradeOldestFirstAndTheLatestNewestFirst() {
        String no = newTradeNo();
        long first = journal.received(NotificationSource.RETURN, Map.of("out_trade_no", no), null);
        long second = journal.received(NotificationSource.NOTIFY, Map.of("out_trade_no", no), null);
        long third = journal.received(NotificationSource.QUERY, Map.of("out_trade_no", no), null);

        assertThat(first).isLessThan(second);
        assertThat(second).isLessThan(third);
        assertThat(journal.findByOutTradeNo(no)).extracting(JournalEntry::id).containsExactly(first, second, third);
        assertThat(journal.findByOutTradeNo(no)).extracting(JournalEntry::source)
                .containsExactly(NotificationSource.RETURN, NotificationSource.NOTIFY, NotificationSource.QUERY);
        assertThat(journal.latest(2)).extracting(JournalEntry::id).containsExactly(third, second);
        assertThat(journal.latest(0)).isEmpty();
        assertThat(journal.findByOutTradeNo(null)).isEmpty();
    }

    @Test
    void pagesNewestFirstForOneTradeOrForAllAndCapsThePageSize() {
        String no = newTradeNo();
        long[] ids = new long[5];
        for (int i = 0; i < 5; i++) {
            ids[i] = journal.received(NotificationSource.NOTIFY, Map.of("out_trade_no", no), null);
            journal.received(NotificationSource.NOTIFY, Map.of("out_trade_no", no + "x"), null);
        }

        assertThat(journal.page(no, 0, 2)).extracting(JournalEntry::id).containsExactly(ids[4], ids[3]);
        assertThat(journal.page(no, 1, 2)).extracting(JournalEntry::id).containsExactly(ids[2], ids[1]);
        assertThat(journal.page(no, 2, 2)).extracting(JournalEntry::id).containsExactly(ids[0]);
        assertThat(journal.page(no, 3, 2)).isEmpty();
        assertThat(journal.page(null, 0, 3)).extracting(JournalEntry::outTradeNo).containsExactly(no + "x", no, no + "x");
        assertThat(journal.page(no, -1, 2)).isEmpty();
        assertThat(journal.page(no, 0, 0)).isEmpty();
        for (int i = 0; i < NotificationJournal.MAX_PAGE_SIZE; i++) {
            journal.received(NotificationSource.NOTIFY, Map.of("out_trade_no", no), null);
        }
        assertThat(journal.page(no, 0, 10_000)).hasSize(NotificationJournal.MAX_PAGE_SIZE);
    }

    @Test
    void anEntryStaysWhenTheCallersTransactionRollsBack() {
        String no = newTradeNo();
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        tx.executeWithoutResult(status -> {
            journal.received(NotificationSource.NOTIFY, Map.of("out_trade_no", no), null);
            status.setRollbackOnly();
        });

        assertThat(journal.findByOutTradeNo(no)).hasSize(1);
    }

    @Test
    void receivedNeverThrowsEvenWhenTheDatabaseRefusesTheInsert() {
        JdbcNotificationJournal missingTables = new JdbcNotificationJournal(dataSource,
                new DataSourceTransactionManager(dataSource), "no_such_tables_", Clock.fixed(Instant.EPOCH, ZoneId.of("UTC")));

        long id = missingTables.received(NotificationSource.NOTIFY, Map.of("out_trade_no", "x"), "x");
        missingTables.completed(id, new ProcessingResult(Outcome.ERROR, "db", "x"));

        assertThat(id).isZero();
    }

    /** Every char from U+0000 to U+00FF, Chinese, an emoji, lone surrogates, quotes and backslashes, repeated to {@code length}. */
    static String oddText(int length) {
        StringBuilder unit = new StringBuilder();
        for (char c = 0; c < 256; c++) {
            unit.append(c);
        }
        unit.append("支付宝即时到账，中文。😀\uD800x\uDFFF\"\\u0041\\\"");
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            out.append(unit);
        }
        out.setLength(length);
        return out.toString();
    }

    private static JournalEntry single(List<JournalEntry> entries) {
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private static String newTradeNo() {
        return "J" + UUID.randomUUID().toString().replace("-", "");
    }
}
