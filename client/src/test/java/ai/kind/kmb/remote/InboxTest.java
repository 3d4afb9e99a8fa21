package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InboxTest {

    @Test
    void anItemThatDoesNotFitIsParkedAndItsResumeRunsOnceItIsQueued() throws Exception {
        Inbox<String> inbox = new Inbox<>(1);
        AtomicInteger resumed = new AtomicInteger();

        assertThat(inbox.offer("a", resumed::incrementAndGet)).isTrue();
        assertThat(inbox.offer("b", resumed::incrementAndGet)).isFalse();
        assertThat(resumed).hasValue(0);

        assertThat(inbox.take()).isEqualTo("a");
        assertThat(resumed).hasValue(1);
        assertThat(inbox.take()).isEqualTo("b");
    }

    @Test
    void parkedItemsKeepTheirPlaceAheadOfLaterOnes() throws Exception {
        Inbox<String> inbox = new Inbox<>(1);
        inbox.offer("a", () -> { });
        inbox.offer("b", () -> { });

        assertThat(inbox.take()).isEqualTo("a");
        // The queue has room again only after b moved in; c must still come after b.
        inbox.offer("c", () -> { });
        assertThat(inbox.take()).isEqualTo("b");
        assertThat(inbox.take()).isEqualTo("c");
    }

    @Test
    void clearingLetsParkedSocketsGo() {
        Inbox<String> inbox = new Inbox<>(1);
        AtomicInteger resumed = new AtomicInteger();
        inbox.offer("a", () -> { });
        inbox.offer("b", resumed::incrementAndGet);

        inbox.clear();

        assertThat(resumed).hasValue(1);
    }
}
