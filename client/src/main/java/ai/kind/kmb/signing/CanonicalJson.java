package ai.kind.kmb.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme (RFC 8785): object members sorted by the UTF-16 code units of
 * their names, no whitespace, strings escaped as ECMAScript's JSON.stringify does, and numbers as
 * IEEE 754 doubles written the way ECMAScript's Number.prototype.toString writes them. Two parties
 * that canonicalize the same JSON value get the same bytes, which is what a signature needs.
 */
public final class CanonicalJson {
    private static final int MAX_PLAIN_EXPONENT = 21;
    private static final int MIN_PLAIN_EXPONENT = -6;

    private CanonicalJson() {
    }

    public static String of(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(JsonNode value, StringBuilder out) {
        switch (value.getNodeType()) {
            case OBJECT -> writeObject(value, out);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < value.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(value.get(i), out);
                }
                out.append(']');
            }
            case STRING -> writeString(value.textValue(), out);
            case NUMBER -> out.append(number(value.doubleValue()));
            case BOOLEAN -> out.append(value.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("JSON canonicalization: cannot write a "
                    + value.getNodeType() + " node");
        }
    }

    private static void writeObject(JsonNode object, StringBuilder out) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(object.properties());
        // String.compareTo compares UTF-16 code units, exactly the order RFC 8785 asks for.
        members.sort(Map.Entry.comparingByKey());
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString(members.get(i).getKey(), out);
            out.append(':');
            write(members.get(i).getValue(), out);
        }
        out.append('}');
    }

    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** ECMAScript's Number.prototype.toString for a finite double; the JDK's toString gives the shortest digits. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON canonicalization: " + value + " is not a JSON number");
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal decimal = shortest(Math.abs(value));
        String digits = decimal.unscaledValue().toString();
        int k = digits.length();
        int n = k - decimal.scale();
        String sign = value < 0 ? "-" : "";
        if (k <= n && n <= MAX_PLAIN_EXPONENT) {
            return sign + digits + "0".repeat(n - k);
        }
        if (0 < n && n <= MAX_PLAIN_EXPONENT) {
            return sign + digits.substring(0, n) + "." + digits.substring(n);
        }
        if (MIN_PLAIN_EXPONENT < n && n <= 0) {
            return sign + "0." + "0".repeat(-n) + digits;
        }
        int exponent = n - 1;
        String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent >= 0 ? "+" : "-") + Math.abs(exponent);
    }

    /**
     * The shortest decimal that reads back as the value. Double.toString always writes at least two
     * significant digits (4.9E-324), so a one-digit form (5e-324) is tried as well.
     */
    private static BigDecimal shortest(double value) {
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        if (decimal.precision() == 2) {
            BigDecimal oneDigit = decimal.round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (oneDigit.doubleValue() == value) {
                return oneDigit.stripTrailingZeros();
            }
        }
        return decimal;
    }
}
