package com.camelicloud.photos.packaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Just enough of OSGi manifest headers and versions for the packaging checks. */
final class OsgiHeaders {

    private OsgiHeaders() {
    }

    /** One clause of a header such as Import-Package: a name with its attributes and directives. */
    record Clause(String name, Map<String, String> parameters) {

        String version() {
            return parameters.get("version");
        }

        boolean optional() {
            return "optional".equals(parameters.get("resolution:"));
        }
    }

    /** The clauses of a header value; commas inside quotes do not split. */
    static List<Clause> parse(String header) {
        List<Clause> clauses = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return clauses;
        }
        for (String clause : split(header, ',')) {
            List<String> parts = split(clause, ';');
            Map<String, String> parameters = new LinkedHashMap<>();
            List<String> names = new ArrayList<>();
            for (String part : parts) {
                int directive = part.indexOf(":=");
                int equals = part.indexOf('=');
                if (directive > 0 && directive < equals) {
                    parameters.put(part.substring(0, directive).trim() + ":", unquote(part.substring(directive + 2)));
                } else if (equals > 0) {
                    parameters.put(part.substring(0, equals).trim(), unquote(part.substring(equals + 1)));
                } else {
                    names.add(part.trim());
                }
            }
            // "a;b;version=1" declares a and b with the same parameters
            for (String name : names) {
                clauses.add(new Clause(name, parameters));
            }
        }
        return clauses;
    }

    private static List<String> split(String value, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : value.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            parts.add(current.toString().trim());
        }
        return parts;
    }

    private static String unquote(String value) {
        String trimmed = value.trim();
        return trimmed.startsWith("\"") && trimmed.endsWith("\"") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    /** Compares OSGi versions (major.minor.micro.qualifier); missing parts are 0 or empty. */
    static int compare(String left, String right) {
        String[] a = left.split("\\.", 4);
        String[] b = right.split("\\.", 4);
        for (int i = 0; i < 3; i++) {
            int x = i < a.length ? Integer.parseInt(a[i]) : 0;
            int y = i < b.length ? Integer.parseInt(b[i]) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return (a.length > 3 ? a[3] : "").compareTo(b.length > 3 ? b[3] : "");
    }

    /** Whether {@code version} lies in an OSGi range ({@code [1.2,2)}, or {@code 1.2} meaning at least 1.2). */
    static boolean inRange(String version, String range) {
        if (range == null || range.isBlank()) {
            return true;
        }
        String r = range.trim();
        if (!r.startsWith("[") && !r.startsWith("(")) {
            return compare(version, r) >= 0;
        }
        String[] bounds = r.substring(1, r.length() - 1).split(",");
        int low = compare(version, bounds[0].trim());
        int high = compare(version, bounds[1].trim());
        return (r.startsWith("[") ? low >= 0 : low > 0) && (r.endsWith("]") ? high <= 0 : high < 0);
    }

    /** A Maven version as an OSGi version: 1.0.0-alpha6 → 1.0.0.alpha6, 0.1.0-SNAPSHOT → 0.1.0.SNAPSHOT. */
    static String osgiVersion(String mavenVersion) {
        String[] split = mavenVersion.split("-", 2);
        String[] numbers = split[0].split("\\.");
        StringBuilder version = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            version.append(i > 0 ? "." : "").append(i < numbers.length && numbers[i].matches("\\d+") ? numbers[i] : "0");
        }
        String qualifier = numbers.length > 3 ? numbers[3] : "";
        if (split.length > 1) {
            qualifier = qualifier.isEmpty() ? split[1] : qualifier + "_" + split[1];
        }
        return qualifier.isEmpty() ? version.toString() : version + "." + qualifier.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
