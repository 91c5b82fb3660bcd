package io.github.alipaystarter.store.tck;

import io.github.alipaystarter.core.store.InMemoryPaymentLedger;
import io.github.alipaystarter.core.store.PaymentLedger;
import java.time.Clock;

/** The core's in-memory ledger passes the contract. */
class InMemoryPaymentLedgerContractTests extends PaymentLedgerContract {

    @Override
    protected PaymentLedger createLedger(Clock clock) {
        return new InMemoryPaymentLedger(clock);
    }
}
