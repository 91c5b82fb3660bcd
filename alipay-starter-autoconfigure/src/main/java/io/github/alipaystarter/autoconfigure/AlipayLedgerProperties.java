package io.github.alipaystarter.autoconfigure;

/**
 * The payment ledger (the record of requested and paid trades).
 */
public class AlipayLedgerProperties {

    /**
     * Whether to accept a verified notification for an out_trade_no that the ledger never
     * recorded (a payment requested by another system with the same partner). It is then
     * recorded with the notified amount and processed; otherwise it is answered "fail".
     */
    private boolean acceptUnknownTrades = false;

    public boolean isAcceptUnknownTrades() {
        return this.acceptUnknownTrades;
    }

    public void setAcceptUnknownTrades(boolean acceptUnknownTrades) {
        this.acceptUnknownTrades = acceptUnknownTrades;
    }

}
