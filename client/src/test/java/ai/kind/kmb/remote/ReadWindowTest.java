package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The socket is asked for frames in batches, never past the window, and not at all while a delivery waits for room. */
class ReadWindowTest {
    private final ScriptedSocket socket = new ScriptedSocket();
    private final ReadWindow window = new ReadWindow();

    @Test
    void aWindowIsAskedForAtOnceAndMoreInHalvesAsFramesAreHandled() {
        window.open(socket);
        assertThat(socket.requested).hasValue(ReadWindow.SIZE);

        handle(ReadWindow.SIZE / 2 - 1);
        assertThat(socket.requested).as("not one request per frame").hasValue(ReadWindow.SIZE);

        handle(1);
        assertThat(socket.requested).hasValue(ReadWindow.SIZE + ReadWindow.SIZE / 2);
    }

    @Test
    void aHeldBackDeliveryStopsTheAskingUntilItIsQueued() {
        window.open(socket);
        Runnable resume = window.holdBack(socket);
        handle(ReadWindow.SIZE - 1);

        assertThat(window.isHoldingBack()).isTrue();
        assertThat(socket.requested).as("the whole window is used up, and no more asked for")
                .hasValue(ReadWindow.SIZE);

        resume.run();

        assertThat(window.isHoldingBack()).isFalse();
        assertThat(socket.requested).hasValue(2L * ReadWindow.SIZE);
    }

    private void handle(int frames) {
        for (int i = 0; i < frames; i++) {
            window.handled(socket);
        }
    }
}
