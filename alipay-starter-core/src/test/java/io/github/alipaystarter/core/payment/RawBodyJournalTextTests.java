package io.github.alipaystarter.core.payment;

import static io.github.alipaystarter.core.payment.PaymentFixtures.SELLER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.Charsets;
import io.github.alipaystarter.core.notify.NotificationSource;
import io.github.alipaystarter.core.payment.PaymentFixtures.FakeCheck;
import io.github.alipaystarter.core.payment.PaymentFixtures.RecordingHandler;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How {@link NotificationProcessor#processRaw} keeps the raw body in the journal: printable ASCII (with
 * tab, CR, LF) takes a fast path since issue 12 and must still be kept as the same text; anything with
 * another control character or bytes invalid in the charset is kept as Base64; valid non-ASCII text
 * stays text.
 */
class RawBodyJournalTextTests {

    private final InMemoryNotificationJournal journal = new InMemoryNotificationJournal(10);
    private final NotificationProcessor processor = NotificationProcessor.builder().seller(SELLER_ID)
            .check(new FakeCheck()).ledger(new InMemoryPaymentLedger()).journal(journal)
            .handler(new RecordingHandler()).build();

    private String journaled(byte[] body, Charset cs) {
        processor.processRaw(NotificationSource.NOTIFY, body, cs);
        return journal.latest(1).get(0).rawBody();
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf-8", "gbk", "gb2312"})
    void printableAsciiWithTabCrAndLfIsKeptAsTheSameText(String charset) {
        String body = "out_trade_no=T1&subject=a+b%E6%89%8B~!*()'\t\r\n&x= ";
        assertThat(journaled(body.getBytes(StandardCharsets.US_ASCII), Charsets.fromWire(charset))).isEqualTo(body);
    }

    @Test
    void deleteAndOtherControlCharactersAreKeptAsBase64() {
        for (byte control : new byte[] {0x7F, 0x00, 0x1B, 0x0B}) {
            byte[] body = {'a', '=', control, 'b'};
            String raw = journaled(body, StandardCharsets.UTF_8);
            assertThat(raw).startsWith("base64:");
            assertThat(Base64.getDecoder().decode(raw.substring(7))).isEqualTo(body);
        }
    }

    @Test
    void validNonAsciiTextIsKeptAsTextAndInvalidBytesAsBase64() {
        assertThat(journaled("subject=手机".getBytes(Charsets.GBK), Charsets.GBK)).isEqualTo("subject=手机");
        assertThat(journaled("subject=手机".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo("subject=手机");
        byte[] invalid = {'a', '=', (byte) 0xFF};
        assertThat(journaled(invalid, StandardCharsets.UTF_8)).isEqualTo("base64:" + Base64.getEncoder().encodeToString(invalid));
    }

    @Test
    void aCharsetThatIsNotAsciiCompatibleDecodesTheBytesItself() {
        // printable ASCII bytes, but in UTF-16BE "ab" is one character (U+6162), not "ab"
        byte[] body = "ab".getBytes(StandardCharsets.US_ASCII);
        assertThat(journaled(body, StandardCharsets.UTF_16BE)).isEqualTo("\u6162");
    }
}
