package com.camelicloud.photos.download;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which hosts may serve media (docs/protocol.md §1.1): Apple's CDN domains over HTTPS, plus hosts the user configured
 * explicitly (e.g. a self-hosted fake). Defence against a poisoned record pointing the downloader elsewhere.
 */
public final class CdnAllowlist {

    /** Host suffixes of Apple's media CDN, as kei allows them. */
    public static final List<String> APPLE_CDN_SUFFIXES = List.of(".icloud-content.com", ".icloud-content.com.cn",
            ".cdn-apple.com");

    private final Set<String> extraHosts;

    /** @param extraHosts hosts trusted over HTTP or HTTPS, matched exactly and case-insensitively */
    public CdnAllowlist(Set<String> extraHosts) {
        this.extraHosts = extraHosts.stream().map(CdnAllowlist::normalise).collect(Collectors.toUnmodifiableSet());
    }

    public boolean allows(URI uri) {
        String host = normalise(uri.getHost());
        if (host.isEmpty()) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (extraHosts.contains(host)) {
            return scheme.equals("https") || scheme.equals("http");
        }
        // Apple's CDN only over TLS: the URL is a bearer credential
        return scheme.equals("https") && APPLE_CDN_SUFFIXES.stream().anyMatch(host::endsWith);
    }

    /** The host to name in messages; never the URL itself. */
    static String hostOf(URI uri) {
        return uri.getHost() == null ? "(none)" : uri.getHost();
    }

    private static String normalise(String host) {
        if (host == null) {
            return "";
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
