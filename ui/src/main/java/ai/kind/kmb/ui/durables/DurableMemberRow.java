package ai.kind.kmb.ui.durables;

/**
 * One member of the picked durable, on whichever node it is attached to, as its row in the members table.
 *
 * @param node       the node it is attached to: its id on a shared bus, shortened ("(here)" after the
 *                   one that answered), "this broker" alone
 * @param client     its client id, or "in process" for a subscriber in the broker's own process
 * @param connection the server's name for its connection ("conn-7"); a dash in process
 * @param address    where the connection comes from ("127.0.0.1:53422"); a dash in process
 * @param ack        "auto" or "manual"
 * @param inFlight   the deliveries it holds unacknowledged
 * @param since      when it attached ("09:58:40")
 */
public record DurableMemberRow(String node, String client, String connection, String address, String ack, int inFlight,
                               String since) {
}
