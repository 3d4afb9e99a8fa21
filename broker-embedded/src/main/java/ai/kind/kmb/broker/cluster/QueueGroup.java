package ai.kind.kmb.broker.cluster;

/**
 * An ephemeral queue group as the nodes of a bus name it: its filter and its name, as NATS keys a
 * queue by subject and name. Members on several nodes form one group; the nodes list the groups
 * they have members of beside their responder filters ({@link ResponderBoard}).
 */
public record QueueGroup(String filter, String name) {
    public QueueGroup {
        if (filter == null || filter.isBlank() || filter.contains(" ")) {
            throw new IllegalArgumentException("a queue group's filter must be a topic filter, got '" + filter + "'");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a queue group's name must not be blank, got '" + name + "'");
        }
    }

    /** How the board lists it: {@code "<filter> <name>"}; a filter holds no spaces, a name may. */
    String listed() {
        return filter + " " + name;
    }

    /** The group a board lists as {@link #listed()}. */
    static QueueGroup listed(String text) {
        int space = text.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("a listed queue group is '<filter> <name>', got '" + text + "'");
        }
        return new QueueGroup(text.substring(0, space), text.substring(space + 1));
    }
}
