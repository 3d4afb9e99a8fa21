package ai.kind.kmb.ui.support;

import javafx.scene.control.Button;
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
}
