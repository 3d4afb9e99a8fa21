package ai.kind.kmb.ui.status;

import ai.kind.kmb.connection.ConnectionStatus;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The bottom line of the window. Only binds to {@link StatusModel}. */
public final class StatusBarView extends HBox {
    private static final PseudoClass NONZERO = PseudoClass.getPseudoClass("nonzero");

    public StatusBarView(StatusModel model) {
        getStyleClass().add("studio-status");
        setId("status-bar");

        Region dot = new Region();
        dot.getStyleClass().add("status-dot");
        model.stateProperty().addListener((obs, old, now) -> stateClass(dot, now));
        stateClass(dot, model.stateProperty().get());

        Label connection = new Label();
        connection.setId("status-connection");
        connection.textProperty().bind(model.connectionProperty());
        connection.setMinWidth(Region.USE_PREF_SIZE);

        Label notice = new Label();
        notice.setId("status-notice");
        notice.getStyleClass().add("notice");
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        // A long notice (plugin jars left out, with why) gives way to the counts and is cut short: the tooltip has it whole.
        notice.setMinWidth(0);
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(model.noticeProperty());
        whole.setWrapText(true);
        whole.setMaxWidth(640);
        notice.setTooltip(whole);

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Label rate = new Label();
        rate.setId("status-rate");
        rate.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "%,.0f msg/s", model.messagesPerSecondProperty().get()),
                model.messagesPerSecondProperty()));

        Label shown = new Label();
        shown.setId("status-shown");
        shown.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "shown %,d", model.shownProperty().get()), model.shownProperty()));

        Label dropped = new Label();
        dropped.setId("status-dropped");
        dropped.getStyleClass().add("dropped");
        dropped.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "dropped for display %,d", model.droppedProperty().get()),
                model.droppedProperty()));
        model.droppedProperty().addListener((obs, old, now) -> dropped.pseudoClassStateChanged(NONZERO,
                now.longValue() > 0));
        dropped.setTooltip(new Tooltip("Messages the bus delivered but the Studio did not show, because they came "
                + "faster than the display buffers take. The bus itself lost nothing for its other subscribers."));

        for (Label count : new Label[] {rate, shown, dropped}) {
            count.setMinWidth(Region.USE_PREF_SIZE);
        }
        getChildren().addAll(dot, connection, notice, spacer, rate, shown, dropped);
    }

    private static void stateClass(Region dot, ConnectionStatus.State state) {
        for (ConnectionStatus.State each : ConnectionStatus.State.values()) {
            dot.pseudoClassStateChanged(PseudoClass.getPseudoClass(each.name().toLowerCase(Locale.ROOT)),
                    each == state);
        }
    }
}
