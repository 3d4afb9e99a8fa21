package ai.kind.kmb.ui.inspector;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * A read-only RichTextFX code area showing {@link FormattedJson}: the spans become style classes
 * (coloured by json.css from the theme), and a gutter shows line numbers with an arrow on every
 * line that opens a multi-line object or array; clicking the arrow folds or unfolds it.
 */
public final class JsonArea extends CodeArea {
    private Map<Integer, FormattedJson.Fold> foldsByStart = Map.of();

    public JsonArea() {
        setEditable(false);
        setWrapText(false);
        getStyleClass().add("json-area");
        setParagraphGraphicFactory(this::gutter);
    }

    public void show(FormattedJson json) {
        Map<Integer, FormattedJson.Fold> folds = new HashMap<>();
        json.folds().forEach(fold -> folds.put(fold.startLine(), fold));
        foldsByStart = folds;
        replaceText(json.text());
        if (!json.text().isEmpty()) {
            setStyleSpans(0, spans(json.spans()));
        }
        moveTo(0);
        requestFollowCaret();
    }

    /** Folds the block that starts on {@code line}; true if a block starts there. */
    public boolean fold(int line) {
        FormattedJson.Fold fold = foldsByStart.get(line);
        if (fold == null || isFolded(line + 1)) {
            return fold != null;
        }
        foldParagraphs(fold.startLine(), fold.endLine());
        recreateParagraphGraphic(line);
        return true;
    }

    public void unfold(int line) {
        if (foldsByStart.containsKey(line) && isFolded(line + 1)) {
            unfoldParagraphs(line);
            recreateParagraphGraphic(line);
        }
    }

    /** Whether the lines under {@code line} are hidden. */
    public boolean isFoldedAt(int line) {
        return foldsByStart.containsKey(line) && line + 1 < getParagraphs().size() && isFolded(line + 1);
    }

    private Node gutter(int line) {
        Label number = new Label(Integer.toString(line + 1));
        number.getStyleClass().add("lineno");
        Label toggle = new Label();
        toggle.getStyleClass().add("fold-toggle");
        if (foldsByStart.containsKey(line)) {
            boolean folded = isFoldedAt(line);
            toggle.setText(folded ? "▸" : "▾");
            toggle.setId("fold-" + line);
            toggle.setOnMouseClicked(e -> {
                if (isFoldedAt(line)) {
                    unfold(line);
                } else {
                    fold(line);
                }
            });
        }
        HBox gutter = new HBox(number, toggle);
        gutter.getStyleClass().add("json-gutter");
        gutter.setAlignment(Pos.CENTER_LEFT);
        return gutter;
    }

    private static StyleSpans<java.util.Collection<String>> spans(List<FormattedJson.Span> spans) {
        StyleSpansBuilder<java.util.Collection<String>> builder = new StyleSpansBuilder<>();
        for (FormattedJson.Span span : spans) {
            builder.add(span.styleClass() == null ? Collections.emptyList() : List.of(span.styleClass()), span.length());
        }
        return builder.create();
    }
}
