package ai.kind.kmb.bench;

/** What one peer gave in one measurement: its figures, or why there are none (server down, messages lost). */
public sealed interface Outcome<T> {
    record Measured<T>(T figures) implements Outcome<T> {
    }

    record Missing<T>(String why) implements Outcome<T> {
    }
}
