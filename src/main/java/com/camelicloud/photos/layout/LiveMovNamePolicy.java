package com.camelicloud.photos.layout;

import java.util.List;

/** {@code --live-photo-mov-filename-policy} (docs/protocol.md §8.3). */
public enum LiveMovNamePolicy {
    /** The default of icloudpd and kei: a HEIC still's motion part is {@code <stem>_HEVC.MOV}, any other {@code <stem>.MOV}. */
    SUFFIX("suffix"),
    /** {@code <stem>.MOV} always (icloudpd, kei, rclone). */
    ORIGINAL("original");

    private final String cliName;

    LiveMovNamePolicy(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static LiveMovNamePolicy parse(String value) {
        return CliValues.parse("--live-photo-mov-filename-policy", value, List.of(values()),
                LiveMovNamePolicy::cliName);
    }
}
