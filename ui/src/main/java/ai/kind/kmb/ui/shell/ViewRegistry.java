package ai.kind.kmb.ui.shell;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/**
 * The main views the Studio knows, in navigation order. Adding a view is one call:
 * {@code registry.register(new Destination("dlq", "Dead letters", "..."), Feather.INBOX, () -> new DlqView(model))}.
 * Views are built the first time they are shown and then kept, so a view that is never opened costs nothing.
 * As Cryptomator's controller factory, an id nobody registered fails fast instead of showing nothing.
 */
public final class ViewRegistry {

    /** One registered view: where it sits in the navigation, its rail icon, and how to build it. */
    public record Entry(Destination destination, Ikon icon, Supplier<? extends Node> factory) {
    }

    private final NavigationModel navigation;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, Node> built = new HashMap<>();

    public ViewRegistry(NavigationModel navigation) {
        this.navigation = navigation;
    }

    public void register(Destination destination, Ikon icon, Supplier<? extends Node> factory) {
        navigation.add(destination);
        entries.put(destination.id(), new Entry(destination, icon, factory));
    }

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    public NavigationModel navigation() {
        return navigation;
    }

    /** The view for {@code id}, built on first use. Call on the FX thread. */
    public Node view(String id) {
        Entry entry = entries.get(id);
        if (entry == null) {
            throw new IllegalArgumentException("no view registered with id '" + id + "'");
        }
        return built.computeIfAbsent(id, key -> entry.factory().get());
    }
}
