package ai.kind.kmb.broker.registry;

/** What the broker does with a publish to a topic that has no descriptor (system topics are always allowed). */
public enum UnknownTopics {
    ALLOW,
    REFUSE
}
