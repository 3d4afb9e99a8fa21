package ai.kind.kmb.ui.durables;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

/** The columns of the durables view's tables: text, and counts that sort as numbers. */
final class DurableColumns {
    private static final PseudoClass NONZERO = PseudoClass.getPseudoClass("nonzero");

    private DurableColumns() {
    }

    static <R> TableColumn<R, String> text(String title, double width, Function<R, String> value) {
        TableColumn<R, String> column = titled(title, width);
        column.setMinWidth(Math.min(width, 80));
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    /** A right-aligned count that sorts as a number; {@code flagged} makes counts other than zero stand out. */
    static <R> TableColumn<R, Long> number(String title, double width, Function<R, Number> value, boolean flagged) {
        TableColumn<R, Long> column = titled(title, width);
        // A count column never narrows past its header.
        column.setMinWidth(width);
        column.getStyleClass().add("durables-number");
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue()).longValue()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : DurableText.count(item));
                pseudoClassStateChanged(NONZERO, flagged && !empty && item != null && item != 0);
            }
        });
        return column;
    }

    private static <R, T> TableColumn<R, T> titled(String title, double width) {
        TableColumn<R, T> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        return column;
    }
}
