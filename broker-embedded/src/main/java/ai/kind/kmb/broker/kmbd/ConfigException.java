package ai.kind.kmb.broker.kmbd;

/** A configuration that kmbd will not start with; the message names the key, its source and the rule. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
