package io.github.alipaystarter.autoconfigure;

/**
 * The notification journal (what the notify and return endpoints received, and what became of it).
 */
public class AlipayJournalProperties {

    /**
     * Number of rejected deliveries (bad signature, malformed, oversized) journaled and logged one by
     * one per minute and per instance; beyond it they are counted and summarised once a minute.
     */
    private int rejectedPerMinute = 60;

    public int getRejectedPerMinute() {
        return this.rejectedPerMinute;
    }

    public void setRejectedPerMinute(int rejectedPerMinute) {
        this.rejectedPerMinute = rejectedPerMinute;
    }

}
