package io.github.alipaystarter.store.tck;

import io.github.alipaystarter.core.store.InMemoryNotificationJournal;
import io.github.alipaystarter.core.store.NotificationJournal;
import java.time.Clock;

/** The core's in-memory journal passes the contract. */
class InMemoryNotificationJournalContractTests extends NotificationJournalContract {

    @Override
    protected NotificationJournal createJournal(Clock clock) {
        return new InMemoryNotificationJournal(10_000, clock);
    }
}
