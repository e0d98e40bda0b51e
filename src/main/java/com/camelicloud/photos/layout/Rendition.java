package com.camelicloud.photos.layout;

import java.util.List;

/**
 * The renditions the product names (docs/protocol.md §8.1). Live Photo motion parts are separate constants
 * ({@code LIVE_*}) rather than a flag, so that one value says exactly which file is meant; there is no
 * live alternative (§8.1 has none).
 *
 * <p>Suffixes are always added, even when no other rendition of the asset is downloaded: a file's name must
 * not depend on which other sizes the user happens to select, or changing {@code --size} later would rename
 * (and re-download) the library. {@code -adjusted} and {@code -alternative} follow icloudpd (which adds
 * them only on collision); kei writes {@code _edited} for edits.
 */
public enum Rendition {
    ORIGINAL("original", "", false),
    ALTERNATIVE("alternative", "-alternative", false),
    MEDIUM("medium", "-medium", false),
    THUMB("thumb", "-thumb", false),
    ADJUSTED("adjusted", "-adjusted", false),
    LIVE_ORIGINAL("original", "", true),
    LIVE_MEDIUM("medium", "-medium", true),
    LIVE_THUMB("thumb", "-thumb", true),
    LIVE_ADJUSTED("adjusted", "-adjusted", true);

    private static final List<Rendition> STILLS = List.of(ORIGINAL, MEDIUM, THUMB, ADJUSTED, ALTERNATIVE);
    private static final List<Rendition> LIVE = List.of(LIVE_ORIGINAL, LIVE_MEDIUM, LIVE_THUMB, LIVE_ADJUSTED);

    private final String cliName;
    private final String suffix;
    private final boolean live;

    Rendition(String cliName, String suffix, boolean live) {
        this.cliName = cliName;
        this.suffix = suffix;
        this.live = live;
    }

    /** The spelling in {@code --size} / {@code --live-photo-size}. */
    public String cliName() {
        return cliName;
    }

    /** What goes between stem and extension, e.g. {@code -medium}; "" for originals. */
    public String suffix() {
        return suffix;
    }

    /** A Live Photo's motion part (named {@code .MOV} by §8.3), as opposed to the still or a plain video. */
    public boolean isLive() {
        return live;
    }

    /** {@code --size}: {@code original|medium|thumb|adjusted|alternative}. */
    public static Rendition parseSize(String value) {
        return CliValues.parse("--size", value, STILLS, Rendition::cliName);
    }

    /** {@code --live-photo-size}: {@code original|medium|thumb|adjusted}, giving the {@code LIVE_*} constants. */
    public static Rendition parseLiveSize(String value) {
        return CliValues.parse("--live-photo-size", value, LIVE, Rendition::cliName);
    }
}
