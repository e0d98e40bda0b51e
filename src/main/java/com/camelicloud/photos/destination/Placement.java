package com.camelicloud.photos.destination;

import java.util.Locale;

/** Where a written file currently is: at its path, set aside by a policy, or removed. */
public enum Placement {
    LIVE(null),
    /** Moved under {@code .deleted/} because the photo went to Recently Deleted ({@code --on-delete quarantine}). */
    DELETED_QUARANTINE(".deleted"),
    /** Moved under {@code .hidden/} because the photo was hidden ({@code --on-hidden quarantine}). */
    HIDDEN_QUARANTINE(".hidden"),
    /** Deleted by a policy ({@code --on-delete delete}, {@code --on-purge delete}). */
    REMOVED(null);

    private final String folder;

    Placement(String folder) {
        this.folder = folder;
    }

    /** The value stored in {@code media_file.placement}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Placement fromId(String id) {
        return id == null ? LIVE : valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The folder files in this placement are set aside in ({@code .deleted}, {@code .hidden}), or null. */
    public String folder() {
        return folder;
    }

    /** Where a file of {@code path} sits in this placement; the relative path is kept under the folder. */
    public String pathOf(String path) {
        return folder == null ? path : folder + "/" + path;
    }
}
