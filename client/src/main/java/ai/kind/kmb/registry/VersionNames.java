package ai.kind.kmb.registry;

import java.util.regex.Pattern;

/** Topic versions are named {@code v1}, {@code v2}, ...: the form {@code metadata.schema_version} carries. */
public final class VersionNames {
    private static final Pattern NAME = Pattern.compile("v[1-9][0-9]{0,8}");

    private VersionNames() {
    }

    public static boolean isValid(String version) {
        return version != null && NAME.matcher(version).matches();
    }

    public static int number(String version) {
        if (!isValid(version)) {
            throw new IllegalArgumentException("version '" + version + "' is not of the form v1, v2, ...");
        }
        return Integer.parseInt(version.substring(1));
    }

    public static String of(int number) {
        return "v" + number;
    }
}
