package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Hook;
import ai.kind.kmb.HookEvent;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbClient;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KmbClientRemoteHooksTest {

    @Test
    void aRemoteBusesConnectionEventsAndStrayErrorsReachTheHooks() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (FakeKmbServer server = FakeKmbServer.start(0);
             KmbClient client = KmbClient.connect(RemoteBusOptions.defaults(server.url())
                     .withHeartbeatInterval(Duration.ofMillis(300)).withReconnectMaxBackoff(Duration.ofMillis(200)))) {
            client.hook(Hook.ON_CONNECT, e -> seen.add("connect"))
                    .hook(Hook.ON_DISCONNECT, e -> seen.add("disconnect"))
                    .hook(Hook.ON_ERROR, e -> seen.add("error " + e.source() + " " + e.error().getMessage()));

            server.connections().getFirst().send(Json.object().put("op", "error").put("code", "internal")
                    .put("message", "stray"));
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("error " + HookEvent.Source.CONNECTION + " stray");

            server.dropConnections();
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("disconnect");
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("connect");
        }
    }
}
