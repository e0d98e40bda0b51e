package com.camelicloud.photos.http;

import java.time.Instant;
import java.util.Locale;

/**
 * One cookie with every attribute Apple sets. The value is kept verbatim, quotes included: Apple's
 * values look like {@code "v=1:s=1:d=123"} and must be sent back unchanged (docs/protocol.md §2.8).
 *
 * @param domain   the cookie's domain without a leading dot; for a host-only cookie the exact host
 * @param hostOnly true when Set-Cookie carried no usable Domain attribute
 * @param expires  null for a session cookie
 */
public record StoredCookie(String name, String value, String domain, boolean hostOnly, String path,
                           boolean secure, boolean httpOnly, Instant expires) {

    public boolean isExpired(Instant now) {
        return expires != null && !expires.isAfter(now);
    }

    /** RFC 6265 §5.4: domain-match and path-match against the request. */
    public boolean matches(String host, String requestPath, boolean secureChannel) {
        String h = host.toLowerCase(Locale.ROOT);
        boolean domainOk = hostOnly ? h.equals(domain) : h.equals(domain) || h.endsWith("." + domain);
        if (!domainOk || (secure && !secureChannel)) {
            return false;
        }
        String p = requestPath == null || requestPath.isEmpty() ? "/" : requestPath;
        return p.equals(path) || (p.startsWith(path) && (path.endsWith("/") || p.charAt(path.length()) == '/'));
    }

    /** Same identity as another cookie in the sense of RFC 6265 §5.3 step 11 (replaced on update). */
    public boolean sameSlot(StoredCookie other) {
        return name.equals(other.name) && domain.equals(other.domain) && path.equals(other.path);
    }
}
