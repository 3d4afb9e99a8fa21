package ai.kind.kmb.ui.trace;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * Draws a {@link TraceTimeline} with plain shapes: a time axis on top, one horizontal lane per
 * agent, a bar per round trip from request to final reply, a dot per reply linked to its request,
 * a diamond per event. Shapes are rebuilt on each {@link #draw}: a trace has at most a few
 * thousand messages, and plain nodes get hit testing, tooltips and CSS for free.
 */
final class TraceWaterfall extends Pane {
    static final double LABEL_WIDTH = 190;
    static final double AXIS_HEIGHT = 30;
    static final double ROW_HEIGHT = 32;
    private static final double RIGHT_MARGIN = 160;
    private static final double BAR_HEIGHT = 14;
    private static final double MIN_BAR_WIDTH = 3;

    private final Consumer<TraceBar> onPick;

    TraceWaterfall(Consumer<TraceBar> onPick) {
        this.onPick = onPick;
        getStyleClass().add("trace-waterfall");
    }

    /** Lays {@code timeline} out over {@code plotWidth} pixels of time (the view's width times the zoom). */
    void draw(TraceTimeline timeline, double plotWidth, TraceBar selected) {
        getChildren().clear();
        if (timeline == null || timeline.messages() == 0) {
            setPrefSize(0, 0);
            return;
        }
        double spanMs = Math.max(1, timeline.span().toNanos() / 1e6);
        double pxPerMs = plotWidth / spanMs;
        double height = AXIS_HEIGHT + timeline.rows() * ROW_HEIGHT;
        setPrefSize(LABEL_WIDTH + plotWidth + RIGHT_MARGIN, height + 8);
        setMinSize(USE_PREF_SIZE, USE_PREF_SIZE);

        drawLanes(timeline.lanes(), timeline.laneRows(), plotWidth);
        drawAxis(spanMs, pxPerMs, height);
        for (TraceBar bar : timeline.bars()) {
            if (bar.pairRow() >= 0 && bar.pairRow() != bar.row()) {
                getChildren().add(link(bar, pxPerMs));
            }
        }
        for (TraceBar bar : timeline.bars()) {
            Node shape = shape(bar, pxPerMs);
            shape.getStyleClass().addAll("trace-shape", outcomeClass(bar.outcome()));
            if (bar.equals(selected)) {
                shape.getStyleClass().add("selected");
            }
            shape.setOnMouseClicked(e -> onPick.accept(bar));
            Tooltip.install(shape, new Tooltip(bar.label() + "\n+" + Durations.format(bar.start())
                    + "\n" + bar.message().envelope().topic()));
            getChildren().add(shape);
        }
    }

    private void drawLanes(List<String> lanes, List<Integer> laneRows, double plotWidth) {
        double top = AXIS_HEIGHT;
        for (int i = 0; i < lanes.size(); i++) {
            double height = laneRows.get(i) * ROW_HEIGHT;
            Rectangle stripe = new Rectangle(0, top, LABEL_WIDTH + plotWidth + RIGHT_MARGIN, height);
            stripe.getStyleClass().add(i % 2 == 0 ? "trace-lane-even" : "trace-lane-odd");
            // On the lane's first row, where its events and replies are.
            Text name = new Text(8, top + ROW_HEIGHT / 2 + 4, elide(lanes.get(i), 26));
            name.getStyleClass().add("trace-lane-name");
            Tooltip.install(stripe, new Tooltip(lanes.get(i)));
            getChildren().addAll(stripe, name);
            top += height;
        }
        Line divider = new Line(LABEL_WIDTH - 6, 0, LABEL_WIDTH - 6, top);
        divider.getStyleClass().add("trace-divider");
        getChildren().add(divider);
    }

    private void drawAxis(double spanMs, double pxPerMs, double height) {
        double step = niceStep(spanMs / Math.max(1, (pxPerMs * spanMs) / 110));
        for (double t = 0; t <= spanMs + step / 2; t += step) {
            double x = LABEL_WIDTH + t * pxPerMs;
            Line tick = new Line(x, AXIS_HEIGHT - 6, x, height);
            tick.getStyleClass().add("trace-gridline");
            String text = t == 0 ? "0" : "+" + Durations.format(Duration.ofNanos((long) (t * 1e6)));
            Text label = new Text(x + 3, AXIS_HEIGHT - 10, text);
            label.getStyleClass().add("trace-axis-label");
            getChildren().addAll(tick, label);
        }
    }

    private Node shape(TraceBar bar, double pxPerMs) {
        double x = LABEL_WIDTH + ms(bar.start()) * pxPerMs;
        double middle = middleOf(bar.row());
        return switch (bar.kind()) {
            case ROUND_TRIP -> {
                double width = Math.max(MIN_BAR_WIDTH, ms(bar.duration()) * pxPerMs);
                Rectangle rect = new Rectangle(x, middle - BAR_HEIGHT / 2, width, BAR_HEIGHT);
                rect.setArcWidth(4);
                rect.setArcHeight(4);
                rect.getStyleClass().add("trace-bar");
                // Inside a bar long enough to hold it, else after it: a long bar near the end must not push it off screen.
                boolean inside = width > bar.label().length() * 6.8 + 16;
                Text label = new Text(inside ? x + 8 : x + width + 6, middle + 4, bar.label());
                label.getStyleClass().add(inside ? "trace-bar-label-inside" : "trace-bar-label");
                label.setMouseTransparent(true);
                label.setViewOrder(-1); // drawn over the bar, which is added after it
                getChildren().add(label);
                yield rect;
            }
            case REPLY -> {
                Circle dot = new Circle(x, middle, 5);
                dot.getStyleClass().add("trace-reply");
                yield dot;
            }
            case EVENT -> {
                Polygon diamond = new Polygon(x, middle - 6, x + 6, middle, x, middle + 6, x - 6, middle);
                diamond.getStyleClass().add("trace-event");
                Text label = new Text(x + 9, middle + 4, elide(bar.label(), 40));
                label.getStyleClass().add("trace-event-label");
                label.setMouseTransparent(true);
                getChildren().add(label);
                yield diamond;
            }
        };
    }

    /** From the row of the request a reply answers, or of the span a message is a child of, to the bar. */
    private Line link(TraceBar bar, double pxPerMs) {
        double x = LABEL_WIDTH + ms(bar.start()) * pxPerMs;
        double from = middleOf(bar.pairRow());
        double to = middleOf(bar.row());
        Line line = new Line(x, from, x, to);
        line.getStyleClass().add("trace-link");
        line.setMouseTransparent(true);
        return line;
    }

    private static double middleOf(int row) {
        return AXIS_HEIGHT + row * ROW_HEIGHT + ROW_HEIGHT / 2;
    }

    static String outcomeClass(TraceBar.Outcome outcome) {
        return "outcome-" + outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}: ticks a person can add up. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(rough, 1e-3))));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * power >= rough) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    private static double ms(Duration duration) {
        return duration.toNanos() / 1e6;
    }

    private static String elide(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
