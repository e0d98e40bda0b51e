package com.camelicloud.photos.auth;

import java.util.Locale;

/** The two iCloud regions and their hosts (docs/protocol.md §1.1). */
public enum Region {
    COM("https://idmsa.apple.com", null, "https://setup.icloud.com/setup/ws/1", "https://www.icloud.com"),
    /** China: idmsa.apple.com.cn first, idmsa.apple.com once as a fallback (docs/protocol.md U11). */
    CN("https://idmsa.apple.com.cn", "https://idmsa.apple.com", "https://setup.icloud.com.cn/setup/ws/1",
            "https://www.icloud.com.cn");

    private final String authRoot;
    private final String fallbackAuthRoot;
    private final String setupBase;
    private final String home;

    Region(String authRoot, String fallbackAuthRoot, String setupBase, String home) {
        this.authRoot = authRoot;
        this.fallbackAuthRoot = fallbackAuthRoot;
        this.setupBase = setupBase;
        this.home = home;
    }

    public String authRoot() {
        return authRoot;
    }

    public String fallbackAuthRoot() {
        return fallbackAuthRoot;
    }

    public String setupBase() {
        return setupBase;
    }

    public String home() {
        return home;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code com} or {@code cn}, case-insensitive. */
    public static Region fromId(String id) {
        for (Region region : values()) {
            if (region.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return region;
            }
        }
        throw new IllegalArgumentException("unknown domain '" + id + "' (expected com or cn)");
    }

    /** The region an {@code accountLogin} answer's {@code domainToUse} names, e.g. {@code iCloud.com.cn}. */
    public static Region fromDomainToUse(String domainToUse) {
        return domainToUse.trim().toLowerCase(Locale.ROOT).endsWith(".cn") ? CN : COM;
    }
}
