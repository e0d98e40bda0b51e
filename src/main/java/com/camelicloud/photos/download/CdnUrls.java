package com.camelicloud.photos.download;

import com.camelicloud.photos.download.DownloadException.Reason;
import com.camelicloud.photos.library.Resource;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Download URLs (docs/protocol.md §8.6, §8.8): checked before anything touches the network or the disk, encoded the
 * way Apple expects them, and kept out of logs and messages, since each one is a bearer credential.
 */
final class CdnUrls {

    private static final Pattern QUERY = Pattern.compile("\\?\\S*");

    private CdnUrls() {
    }

    /** Fails unless the resource has a URL of an allowed host and a size; touches neither network nor disk. */
    static void requireUsable(Resource resource, CdnAllowlist allowlist) {
        if (resource.downloadUrl() == null || resource.downloadUrl().isBlank()) {
            throw DownloadException.of(resource.field(), Reason.INVALID_RESOURCE, -1, "no download URL");
        }
        if (resource.size() < 0) {
            throw DownloadException.of(resource.field(), Reason.INVALID_RESOURCE, -1,
                    "negative size " + resource.size());
        }
        requestUri(resource, allowlist);
    }

    /** The URI to ask for the resource, if its host is allowed. */
    static URI requestUri(Resource resource, CdnAllowlist allowlist) {
        URI uri;
        try {
            uri = new URI(encodeForUri(resource.downloadUrl().trim()));
        } catch (URISyntaxException e) {
            // no cause: its message quotes the URL
            throw DownloadException.of(resource.field(), Reason.INVALID_RESOURCE, -1,
                    "the download URL is not a valid URI");
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw DownloadException.of(resource.field(), Reason.INVALID_RESOURCE, -1, "the download URL has no host");
        }
        if (!allowlist.allows(uri)) {
            throw DownloadException.of(resource.field(), Reason.HOST_NOT_ALLOWED, -1, "CDN host "
                    + CdnAllowlist.hostOf(uri) + " not allowed" + ("https".equalsIgnoreCase(uri.getScheme())
                    ? "" : " over " + uri.getScheme()));
        }
        return uri;
    }

    /**
     * The URL as received, with the characters {@link URI} rejects percent-encoded — above all the braces of the
     * {@code ${f}} placeholder, which Apple expects as {@code $%7Bf%7D} (§8.6). Everything else stays untouched.
     */
    static String encodeForUri(String url) {
        StringBuilder out = new StringBuilder(url.length() + 8);
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            switch (c) {
                case '{' -> out.append("%7B");
                case '}' -> out.append("%7D");
                case ' ' -> out.append("%20");
                case '|' -> out.append("%7C");
                case '^' -> out.append("%5E");
                case '"' -> out.append("%22");
                case '<' -> out.append("%3C");
                case '>' -> out.append("%3E");
                case '\\' -> out.append("%5C");
                case '`' -> out.append("%60");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Host and the first few characters of the path: enough to debug, not enough to use. */
    static String describe(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return CdnAllowlist.hostOf(uri) + (path.length() > 12 ? path.substring(0, 12) + "…" : path);
    }

    /** Removes query strings from foreign messages, in case one quotes a URL. */
    static String scrub(String message) {
        return message == null ? "" : QUERY.matcher(message).replaceAll("?…");
    }
}
