package ai.kind.kmb.ui.support;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/** Small control builders the views share. */
public final class Controls {
    private Controls() {
    }

    /** A button with an id (for tests and screenshots), a tooltip, and its action. */
    public static Button button(String text, String id, String tip, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(e -> action.run());
        return button;
    }

    /**
     * A full-width line above a view's content, shown only while {@code text} says something:
     * {@code style} is {@code info-banner} for what an action did, {@code error-banner} for what failed.
     */
    public static Label banner(String id, String style, ObservableStringValue text) {
        Label banner = new Label();
        banner.setId(id);
        banner.getStyleClass().add(style);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setWrapText(true);
        banner.textProperty().bind(text);
        banner.visibleProperty().bind(banner.textProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }
}
