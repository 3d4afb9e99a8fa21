package ai.kind.kmb.ui.durables;

/**
 * One line of the picked durable's detail pane.
 *
 * @param label what the figure is ("Position")
 * @param value the figure as shown ("41")
 * @param note  what it means, in a few words; empty when it needs none
 */
public record DurableDetail(String label, String value, String note) {
}
