package com.camelicloud.photos.layout;

import java.util.List;

import com.camelicloud.photos.library.UniformTypes;

/**
 * {@code --align-raw} (docs/protocol.md §8.2): which half of a RAW+JPEG pair counts as the "original". The pair
 * arrives with the RAW in {@code resOriginal} or in {@code resOriginalAlt} depending on how it was
 * imported; a swap exchanges the two resources before naming and downloading.
 */
public enum RawAlignment {
    /** Keep the server's order. */
    AS_IS("as-is"),
    /** The RAW is the original: swap when only the alternative is RAW. */
    ORIGINAL("original"),
    /** The JPEG (non-RAW) is the original: swap when only the original is RAW. */
    ALTERNATIVE("alternative");

    private final String cliName;

    RawAlignment(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static RawAlignment parse(String value) {
        return CliValues.parse("--align-raw", value, List.of(values()), RawAlignment::cliName);
    }

    /**
     * Whether {@code resOriginal} and {@code resOriginalAlt} must change places. No alternative (null UTI)
     * means nothing to swap with. When both or neither are RAW a swap could not satisfy the policy any better,
     * so the server's order is kept.
     *
     * @param originalUti    {@code resOriginalFileType} (or the master's {@code itemType})
     * @param alternativeUti {@code resOriginalAltFileType}; null when the asset has no alternative
     */
    public boolean shouldSwap(String originalUti, String alternativeUti) {
        if (alternativeUti == null) {
            return false;
        }
        boolean originalRaw = UniformTypes.isRaw(originalUti);
        boolean alternativeRaw = UniformTypes.isRaw(alternativeUti);
        return switch (this) {
            case AS_IS -> false;
            case ORIGINAL -> alternativeRaw && !originalRaw;
            case ALTERNATIVE -> originalRaw && !alternativeRaw;
        };
    }
}
