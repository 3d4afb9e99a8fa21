package ai.kind.kmb;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a message asks of its receivers. */
public enum MessageType {
    /** Fire and forget. */
    EVENT("event"),
    /** Asks a handler to act; it answers with status ACK, then DONE or ERROR. */
    COMMAND("command"),
    /** Asks a question; one reply with status data, error or not_found. */
    QUERY("query"),
    /** Part of a multi-phase transaction with rollback. */
    TRANSACTIONAL("transactional"),
    /** An answer to a command or query, sent to the asker's reply_to. */
    REPLY("reply");

    private final String wireName;

    MessageType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static MessageType fromWireName(String name) {
        for (MessageType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new InvalidEnvelopeException("type", "'" + name + "' is not one of "
                + Arrays.stream(values()).map(MessageType::wireName).collect(Collectors.joining(", ")));
    }
}
