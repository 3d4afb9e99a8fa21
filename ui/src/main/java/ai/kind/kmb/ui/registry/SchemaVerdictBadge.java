package ai.kind.kmb.ui.registry;

import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/** The inspector's schema verdict: a small badge whose tooltip lists every violation. Binds only. */
public final class SchemaVerdictBadge extends Label {

    public SchemaVerdictBadge(SchemaVerdictModel model) {
        setId("schema-verdict");
        getStylesheets().add(java.util.Objects.requireNonNull(SchemaVerdictBadge.class.getResource("registry.css"))
                .toExternalForm());
        getStyleClass().add("verdict-badge");
        textProperty().bind(model.textProperty());
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(model.detailsProperty());
        setTooltip(tip);
        visibleProperty().bind(model.textProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
        model.stateProperty().addListener((obs, old, now) -> style(now));
        style(model.stateProperty().get());
    }

    private void style(SchemaVerdictModel.State state) {
        getStyleClass().removeIf(name -> name.startsWith("verdict-") && !name.equals("verdict-badge"));
        getStyleClass().add("verdict-" + state.name().toLowerCase(Locale.ROOT));
    }
}
