package com.camelicloud.photos.http;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A cookie jar that keeps what Apple's services need and what the JDK's {@code HttpCookie} loses:
 * verbatim (quoted) values and the Domain attribute, which must survive a save and reload or the
 * CloudKit host stops receiving the web-auth cookies (docs/protocol.md §2.8).
 *
 * <p>Cookies whose Domain attribute does not match the answering host are kept as host-only cookies
 * of that host rather than dropped, so a server on loopback that names a production domain still
 * works, while no host can plant cookies for another.
 */
public final class CookieJar {

    /** Servers disagree on the spelling of Expires dates. */
    private static final List<DateTimeFormatter> EXPIRES_FORMATS = List.of(DateTimeFormatter.RFC_1123_DATE_TIME,
            DateTimeFormatter.ofPattern("EEE, dd-MMM-yyyy HH:mm:ss zzz", Locale.US),
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US));

    private final List<StoredCookie> cookies = new CopyOnWriteArrayList<>();
    private final AtomicInteger version = new AtomicInteger();

    /** Replaces the content with cookies loaded from a session store. */
    public void restore(List<StoredCookie> stored) {
        cookies.clear();
        if (stored != null) {
            cookies.addAll(stored);
        }
    }

    /** Grows whenever a response sets a cookie; lets the owner persist only when something changed. */
    public int version() {
        return version.get();
    }

    /** Every cookie still valid, for persisting. */
    public List<StoredCookie> snapshot() {
        Instant now = Instant.now();
        return cookies.stream().filter(c -> !c.isExpired(now)).toList();
    }

    public void clear() {
        cookies.clear();
    }

    public Optional<StoredCookie> find(String name) {
        Instant now = Instant.now();
        return cookies.stream().filter(c -> c.name().equals(name) && !c.isExpired(now)).findFirst();
    }

    /** Stores the {@code Set-Cookie} headers of a response from {@code uri}. */
    public void store(URI uri, List<String> setCookieHeaders) {
        for (String header : setCookieHeaders) {
            StoredCookie cookie = parse(uri, header);
            if (cookie == null) {
                continue;
            }
            cookies.removeIf(existing -> existing.sameSlot(cookie));
            if (!cookie.isExpired(Instant.now())) {
                cookies.add(cookie);
            }
            version.incrementAndGet();
        }
    }

    /** The {@code Cookie} header value for a request to {@code uri}, if any cookie applies. */
    public Optional<String> headerFor(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return Optional.empty();
        }
        boolean secure = "https".equalsIgnoreCase(uri.getScheme()) || isLoopback(host);
        Instant now = Instant.now();
        String value = cookies.stream()
                .filter(c -> !c.isExpired(now) && c.matches(host, uri.getRawPath(), secure))
                .sorted(Comparator.comparingInt((StoredCookie c) -> c.path().length()).reversed())
                .map(c -> c.name() + "=" + c.value())
                .collect(Collectors.joining("; "));
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    static StoredCookie parse(URI uri, String header) {
        String[] parts = header.split(";");
        int eq = parts[0].indexOf('=');
        if (eq <= 0) {
            return null;
        }
        String name = parts[0].substring(0, eq).trim();
        String value = parts[0].substring(eq + 1).trim();
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String domain = null;
        String path = null;
        boolean secure = false;
        boolean httpOnly = false;
        Instant expires = null;
        Instant maxAgeExpiry = null;
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim();
            int aeq = attribute.indexOf('=');
            String key = (aeq < 0 ? attribute : attribute.substring(0, aeq)).trim().toLowerCase(Locale.ROOT);
            String val = aeq < 0 ? "" : attribute.substring(aeq + 1).trim();
            switch (key) {
                case "domain" -> domain = val.startsWith(".") ? val.substring(1).toLowerCase(Locale.ROOT)
                        : val.toLowerCase(Locale.ROOT);
                case "path" -> path = val.startsWith("/") ? val : null;
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                case "expires" -> expires = parseDate(val);
                case "max-age" -> maxAgeExpiry = parseMaxAge(val);
                default -> {
                    // SameSite, Priority and the like do not change what we send.
                }
            }
        }
        boolean hostOnly = domain == null || domain.isEmpty()
                || !(host.equals(domain) || host.endsWith("." + domain));
        if (hostOnly) {
            domain = host;
        }
        if (path == null) {
            path = defaultPath(uri.getRawPath());
        }
        return new StoredCookie(name, value, domain, hostOnly, path, secure, httpOnly,
                maxAgeExpiry != null ? maxAgeExpiry : expires);
    }

    private static String defaultPath(String requestPath) {
        if (requestPath == null || !requestPath.startsWith("/")) {
            return "/";
        }
        int last = requestPath.lastIndexOf('/');
        return last <= 0 ? "/" : requestPath.substring(0, last);
    }

    private static Instant parseMaxAge(String value) {
        try {
            long seconds = Long.parseLong(value);
            return seconds <= 0 ? Instant.EPOCH : Instant.now().plus(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant parseDate(String value) {
        for (DateTimeFormatter format : EXPIRES_FORMATS) {
            try {
                return ZonedDateTime.parse(value, format).toInstant();
            } catch (DateTimeParseException ignored) {
                // try the next spelling
            }
        }
        return null;
    }

    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }
}
