package io.github.alipaystarter.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.NotifyVerifyAnswer;
import io.github.alipaystarter.core.protocol.gateway.TradeQueryResult;
import io.github.alipaystarter.core.engine.NotificationVerifier;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.store.InMemoryNotificationJournal;
import io.github.alipaystarter.core.engine.NotificationProcessor;
import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.engine.Reconciler;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import io.github.alipaystarter.store.tck.SettableClock;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Reconciliation on two application instances (two connection pools, two ledgers, two reconcilers, two
 * gateway clients) sharing one PostgreSQL: within one claim period every unpaid trade is asked about by
 * exactly one instance, and a paid answer reaches onPaid once.
 */
@Tag("postgresql")
class PostgreSqlTwoInstancesReconciliationTests {

    private static final String PARTNER = "2088101122136241";
    private static final String KEY = "760bdzec6y9goq7ctyx96ezkz78287de";
    private static final Duration PERIOD = Duration.ofMinutes(5);
    private static final int TRADES = 60;

    private final String prefix = TestDatabases.randomPrefix();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-26T02:00:00Z"));
    private final List<String> paidCalls = new CopyOnWriteArrayList<>();
    private final Set<String> paidByGateway = ConcurrentHashMap.newKeySet();
    private final List<Instance> instances = new ArrayList<>();
    private final List<String> nos = new ArrayList<>();

    @BeforeEach
    void twoInstances() {
        for (int i = 0; i < 2; i++) {
            instances.add(new Instance("instance-" + i));
        }
        // trades requested an hour ago, through the first instance
        Clock past = Clock.fixed(clock.instant().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        JdbcPaymentLedger recorder = new JdbcPaymentLedger(instances.get(0).dataSource,
                new DataSourceTransactionManager(instances.get(0).dataSource), prefix, past);
        for (int i = 0; i < TRADES; i++) {
            String no = "R" + prefix + i;
            nos.add(no);
            recorder.record(no, new BigDecimal("10.00"), "reconciled");
        }
        paidByGateway.add(nos.get(7));
    }

    @AfterEach
    void dropTables() {
        TestDatabases.dropTables(instances.get(0).dataSource, prefix);
        instances.forEach(instance -> instance.dataSource.close());
    }

    @Test
    void withinOnePeriodEachTradeIsAskedAboutByOneInstanceOnlyAndPaidOnce() throws Exception {
        runBothAtOnce();
        runBothAtOnce(); // again within the period: nothing left to ask about

        List<String> asked = askedByAll();
        assertThat(asked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(nos);
        assertThat(paidCalls).containsExactly(nos.get(7));

        // the next period: the still unpaid trades are asked about again, once each
        clock.set(clock.instant().plus(PERIOD));
        instances.forEach(instance -> instance.gateway.asked.clear());
        runBothAtOnce();
        List<String> again = askedByAll();
        List<String> unpaid = new ArrayList<>(nos);
        unpaid.remove(nos.get(7));
        assertThat(again).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(unpaid);
        assertThat(paidCalls).containsExactly(nos.get(7));
    }

    private List<String> askedByAll() {
        List<String> all = new ArrayList<>();
        instances.forEach(instance -> all.addAll(instance.gateway.asked));
        return all;
    }

    private void runBothAtOnce() throws Exception {
        CyclicBarrier together = new CyclicBarrier(instances.size());
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (Instance instance : instances) {
            Thread thread = new Thread(() -> {
                try {
                    together.await(30, TimeUnit.SECONDS);
                    // batch larger than the trades: both instances see every unclaimed trade
                    List<ProcessingResult> results = instance.reconciler.reconcileUnpaid(Duration.ofMinutes(15),
                            TRADES * 2, PERIOD);
                    results.forEach(r -> assertThat(r.outTradeNo()).isNotNull());
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(120_000);
        }
        assertThat(failures).isEmpty();
    }

    /** One application instance: its own pool, ledger, gateway client, processor and reconciler. */
    private final class Instance {

        final HikariDataSource dataSource = TestDatabases.postgresql();
        final CountingGateway gateway = new CountingGateway();
        final Reconciler reconciler;

        Instance(String name) {
            if (instances.isEmpty()) {
                new AlipayJdbcSchemaInitializer(dataSource,
                        org.springframework.boot.sql.init.DatabaseInitializationMode.ALWAYS, prefix).initialize();
            }
            JdbcPaymentLedger ledger = new JdbcPaymentLedger(dataSource, new DataSourceTransactionManager(dataSource),
                    prefix, clock);
            AlipayConfig config = AlipayConfig.builder().partner(PARTNER).key(KEY).build();
            AlipaySigner signer = AlipaySigner.forConfig(config);
            PaymentHandler handler = new PaymentHandler() {
                @Override
                public void onPaid(PaidTrade trade) {
                    paidCalls.add(trade.outTradeNo());
                }
            };
            NotificationProcessor processor = new NotificationProcessor(config, new NotificationVerifier(signer, gateway),
                    ledger, new InMemoryNotificationJournal(1000), handler, false);
            reconciler = new Reconciler(gateway, processor, ledger, clock);
        }
    }

    /** single_trade_query: TRADE_NOT_EXIST, or TRADE_SUCCESS for the trades in paidByGateway. */
    private final class CountingGateway implements AlipayGateway {

        final List<String> asked = new CopyOnWriteArrayList<>();

        @Override
        public NotifyVerifyAnswer verifyNotifyId(String notifyId) {
            throw new AssertionError("not expected");
        }

        @Override
        public String queryTimestamp() {
            throw new AssertionError("not expected");
        }

        @Override
        public TradeQueryResult singleTradeQuery(String outTradeNo) {
            asked.add(outTradeNo);
            if (!paidByGateway.contains(outTradeNo)) {
                return TradeQueryResult.error("TRADE_NOT_EXIST");
            }
            return new TradeQueryResult(null, outTradeNo, "2026112621000" + outTradeNo.length(), TradeStatus.TRADE_SUCCESS,
                    new BigDecimal("10.00"), PARTNER, "2088002007013600", "buyer@example.com",
                    OffsetDateTime.parse("2026-11-26T10:15:01+08:00"),
                    Map.of("out_trade_no", outTradeNo, "trade_status", "TRADE_SUCCESS", "total_fee", "10.00",
                            "seller_id", PARTNER));
        }
    }
}
