package ai.kind.kmb.broker.registry;

/** One incompatible difference between a writer's and a reader's schema, at a JSON pointer. */
record SchemaChange(String pointer, String type, String message) {
}
