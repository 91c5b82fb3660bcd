package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.store.JournalEntry;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.store.RejectedDelivery;
import io.github.alipaystarter.core.store.VerifiedDelivery;
import java.util.List;

/** A journal that passes every call on to another; a test overrides the calls it watches or breaks. */
class ForwardingJournal implements NotificationJournal {

    final NotificationJournal target;

    ForwardingJournal(NotificationJournal target) {
        this.target = target;
    }

    @Override
    public void verified(VerifiedDelivery delivery, ProcessingResult result) {
        target.verified(delivery, result);
    }

    @Override
    public long started(VerifiedDelivery delivery) {
        return target.started(delivery);
    }

    @Override
    public void completed(long id, ProcessingResult result) {
        target.completed(id, result);
    }

    @Override
    public boolean completedWithPayment(long id, ProcessingResult result) {
        return target.completedWithPayment(id, result);
    }

    @Override
    public void rejected(RejectedDelivery delivery) {
        target.rejected(delivery);
    }

    @Override
    public List<JournalEntry> page(String outTradeNo, int page, int size) {
        return target.page(outTradeNo, page, size);
    }

    @Override
    public List<JournalEntry> rejectedPage(int page, int size) {
        return target.rejectedPage(page, size);
    }
}
