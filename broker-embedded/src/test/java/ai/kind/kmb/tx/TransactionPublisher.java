package ai.kind.kmb.tx;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.MessageType;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.util.concurrent.CountDownLatch;

/**
 * The child process of {@link KilledPublisherTest}: begins a transaction on the server at
 * {@code args[0]}, stages three orders, prints {@code STAGED} and waits to be killed.
 */
public final class TransactionPublisher {
    private TransactionPublisher() {
    }

    public static void main(String[] args) throws InterruptedException {
        KmbClient client = KmbClient.connect(URI.create(args[0]));
        Transaction tx = client.transaction(TransactionOptions.DEFAULT.withDurable(true));
        for (String item : new String[] {"one", "two", "three"}) {
            tx.publish(Envelope.of("orders." + item, MessageType.EVENT, TextNode.valueOf(item), null)).join();
        }
        System.out.println("STAGED " + tx.id());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
