package ai.kind.kmb.bench.network;

import ai.kind.kmb.bench.PayloadCodec;
import ai.kind.kmb.bench.Service;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Mosquitto through Eclipse Paho's MQTT 3.1.1 client, QoS 0, clean sessions: one client per
 * subscriber, whose callback Paho runs on that client's own thread.
 */
final class MqttPubSub implements PubSub {
    private static final long WAIT_MILLIS = 5_000;
    /** Paho's limit on publishes not yet written; a whole batch may be outstanding. */
    private static final int MAX_INFLIGHT = 65_535;

    private final String topic;
    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final MqttAsyncClient publisher;

    MqttPubSub(String topic, String runId, int subscribers, Sink sink) {
        this.topic = topic;
        try {
            for (int i = 0; i < subscribers; i++) {
                int index = i;
                MqttAsyncClient subscriber = connect("kb-" + runId + "-s" + i);
                subscriber.setCallback(new MqttCallback() {
                    @Override
                    public void messageArrived(String from, MqttMessage message) {
                        sink.received(index, PayloadCodec.decoder(message.getPayload()));
                    }

                    @Override
                    public void connectionLost(Throwable cause) {
                        System.err.println("mqtt subscriber " + index + " lost its connection: " + cause);
                    }

                    @Override
                    public void deliveryComplete(IMqttDeliveryToken token) {
                        // Subscribers publish nothing.
                    }
                });
                // SUBACK received: Mosquitto routes to this subscriber from now on.
                subscriber.subscribe(topic, 0).waitForCompletion(WAIT_MILLIS);
            }
            publisher = connect("kb-" + runId + "-p");
        } catch (MqttException e) {
            close();
            throw new IllegalStateException("MQTT at " + Service.MOSQUITTO.mqttUrl() + ": " + e.getMessage(), e);
        }
    }

    private MqttAsyncClient connect(String clientId) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(Service.MOSQUITTO.mqttUrl(), clientId, new MemoryPersistence());
        clients.add(client);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(MAX_INFLIGHT);
        client.connect(options).waitForCompletion(WAIT_MILLIS);
        return client;
    }

    @Override
    public void publish(ObjectNode payload) {
        try {
            publisher.publish(topic, PayloadCodec.encode(payload), 0, false);
        } catch (MqttException e) {
            throw new IllegalStateException("MQTT publish to " + topic + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (MqttAsyncClient client : clients) {
            try {
                if (client.isConnected()) {
                    client.disconnect().waitForCompletion(WAIT_MILLIS);
                }
                client.close();
            } catch (MqttException e) {
                // Closing anyway: the broker drops a clean session when its socket goes.
            }
        }
    }
}
