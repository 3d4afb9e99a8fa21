package ai.kind.kmb.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Writes a JavaFX image as PNG through javax.imageio, copying the pixels by hand so that the app
 * needs no javafx-swing (and with it no Swing toolkit) for {@code --screenshot}.
 */
final class PngWriter {
    private PngWriter() {
    }

    static void write(WritableImage image, Path file) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        buffered.setRGB(0, 0, width, height, argb, 0, width);
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(buffered, "png", file.toFile())) {
            throw new IOException("no PNG writer in this Java runtime");
        }
    }
}
