package com.camelicloud.photos.library;

/** What a file is, decided from its UTI and never from the presence of video resources (docs/protocol.md §8.1). */
public enum MediaKind {
    IMAGE,
    VIDEO,
    /** A UTI we do not know: still downloaded as an original (§5.12). */
    UNKNOWN
}
