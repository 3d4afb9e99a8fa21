package ai.kind.kmb.ui.limits;

import ai.kind.kmb.limits.RateLimitStats;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The rate limits view: one row per configured limit with its counts. Only binds to {@link RateLimitsModel}. */
public final class RateLimitsView extends BorderPane {
    private static final PseudoClass NONZERO = PseudoClass.getPseudoClass("nonzero");

    public RateLimitsView(RateLimitsModel model) {
        getStyleClass().add("limits-view");
        getStylesheets().add(Objects.requireNonNull(RateLimitsView.class.getResource("limits.css")).toExternalForm());
        setTop(new VBox(header(model), errorLine(model)));
        setCenter(table(model));
    }

    private static HBox header(RateLimitsModel model) {
        Label title = new Label("Rate limits");
        title.getStyleClass().add("pane-title");
        Label summary = new Label();
        summary.setId("limits-summary");
        summary.textProperty().bind(model.summaryProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = new Button("Refresh");
        refresh.setId("limits-refresh");
        refresh.setTooltip(new Tooltip("Read the counts again"));
        refresh.setOnAction(e -> model.refresh());
        HBox header = new HBox(title, summary, spacer, refresh);
        header.getStyleClass().add("pane-header");
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private static Label errorLine(RateLimitsModel model) {
        Label error = new Label();
        error.setId("limits-error");
        error.getStyleClass().add("error-banner");
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        return error;
    }

    private static TableView<RateLimitStats> table(RateLimitsModel model) {
        TableView<RateLimitStats> table = new TableView<>(model.limits());
        table.setId("limits-table");
        table.setPlaceholder(new Label("No rate limits. kmbd takes them from kmb.rate_limits in its YAML file."));
        table.getColumns().setAll(List.of(
                column("Limit", 200, RateLimitStats::label),
                column("Mode", 90, RateLimitStats::mode),
                number("Rate /s", limit -> String.format(Locale.ROOT, "%,.2f", limit.rate()), false),
                number("Burst", limit -> String.format(Locale.ROOT, "%,d", limit.burst()), false),
                number("Allowed", limit -> String.format(Locale.ROOT, "%,d", limit.allowed()), false),
                number("Throttled", limit -> String.format(Locale.ROOT, "%,d", limit.throttled()), true),
                number("Rejected", limit -> String.format(Locale.ROOT, "%,d", limit.rejected()), true)));
        return table;
    }

    private static TableColumn<RateLimitStats, String> column(String title, double width,
                                                              Function<RateLimitStats, String> text) {
        TableColumn<RateLimitStats, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(row -> new ReadOnlyStringWrapper(text.apply(row.getValue())));
        return column;
    }

    /** A right-aligned count; {@code flagged} marks cells other than zero, so throttling and rejections stand out. */
    private static TableColumn<RateLimitStats, String> number(String title, Function<RateLimitStats, String> text,
                                                              boolean flagged) {
        TableColumn<RateLimitStats, String> column = column(title, 110, text);
        column.getStyleClass().add("limits-number");
        if (flagged) {
            column.getStyleClass().add("limits-flagged");
            column.setCellFactory(c -> new TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty ? null : item);
                    pseudoClassStateChanged(NONZERO, !empty && item != null && !"0".equals(item));
                }
            });
        }
        return column;
    }
}
