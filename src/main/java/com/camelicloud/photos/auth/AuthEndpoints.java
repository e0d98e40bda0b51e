package com.camelicloud.photos.auth;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Base URLs for sign-in: the region's Apple hosts, unless the user pointed {@code --auth-endpoint}
 * or {@code --setup-endpoint} elsewhere (a proxy, or a fake in tests). CloudKit and CDN URLs always
 * come from the server's answers.
 */
public record AuthEndpoints(Region region, String authBaseOverride, String setupBaseOverride) {

    public static final String DEFAULT_AUTH_ENDPOINT = Region.COM.authRoot() + "/appleauth/auth";
    public static final String DEFAULT_SETUP_ENDPOINT = Region.COM.setupBase();

    /** Treats the production defaults as "not overridden", so {@code --domain cn} still switches hosts. */
    public static AuthEndpoints of(Region region, String authEndpoint, String setupEndpoint) {
        return new AuthEndpoints(region, overrideOrNull(authEndpoint, DEFAULT_AUTH_ENDPOINT),
                overrideOrNull(setupEndpoint, DEFAULT_SETUP_ENDPOINT));
    }

    private static String overrideOrNull(String value, String productionDefault) {
        if (value == null || value.isBlank() || value.equals(productionDefault)) {
            return null;
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    public AuthEndpoints withRegion(Region other) {
        return new AuthEndpoints(other, authBaseOverride, setupBaseOverride);
    }

    /** The {@code /appleauth/auth} bases to try, best first (two for China, docs/protocol.md §1.1). */
    public List<String> authBases() {
        List<String> bases = new ArrayList<>();
        if (authBaseOverride != null) {
            bases.add(authBaseOverride);
            return bases;
        }
        bases.add(region.authRoot() + "/appleauth/auth");
        if (region.fallbackAuthRoot() != null) {
            bases.add(region.fallbackAuthRoot() + "/appleauth/auth");
        }
        return bases;
    }

    public String setupBase() {
        return setupBaseOverride != null ? setupBaseOverride : region.setupBase();
    }

    public String home() {
        return region.home();
    }

    /** {@code scheme://host[:port]} of an auth base: the Origin of the two SRP calls (§2.3). */
    public static String originOf(String authBase) {
        URI uri = URI.create(authBase);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /** Hosts the user chose explicitly; a CDN on one of them is trusted like Apple's (see the downloader). */
    public List<String> overriddenHosts() {
        List<String> hosts = new ArrayList<>();
        if (authBaseOverride != null) {
            hosts.add(URI.create(authBaseOverride).getHost());
        }
        if (setupBaseOverride != null) {
            hosts.add(URI.create(setupBaseOverride).getHost());
        }
        return hosts;
    }
}
