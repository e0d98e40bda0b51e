package com.camelicloud.photos.cloudkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Field names of the Photos record types (docs/protocol.md §3.5, §5). */
public final class PhotoFields {

    /**
     * The keys every public client asks for (§3.5), plus the ones §3.5 says to add for Shared Library
     * and file sizes. Unknown keys are simply absent from answers.
     */
    public static final List<String> DESIRED_KEYS;

    static {
        List<String> keys = new ArrayList<>(List.of(
                "resJPEGFullWidth", "resJPEGFullHeight", "resJPEGFullFileType", "resJPEGFullFingerprint", "resJPEGFullRes",
                "resJPEGLargeWidth", "resJPEGLargeHeight", "resJPEGLargeFileType", "resJPEGLargeFingerprint", "resJPEGLargeRes",
                "resJPEGMedWidth", "resJPEGMedHeight", "resJPEGMedFileType", "resJPEGMedFingerprint", "resJPEGMedRes",
                "resJPEGThumbWidth", "resJPEGThumbHeight", "resJPEGThumbFileType", "resJPEGThumbFingerprint", "resJPEGThumbRes",
                "resVidFullWidth", "resVidFullHeight", "resVidFullFileType", "resVidFullFingerprint", "resVidFullRes",
                "resVidMedWidth", "resVidMedHeight", "resVidMedFileType", "resVidMedFingerprint", "resVidMedRes",
                "resVidSmallWidth", "resVidSmallHeight", "resVidSmallFileType", "resVidSmallFingerprint", "resVidSmallRes",
                "resSidecarWidth", "resSidecarHeight", "resSidecarFileType", "resSidecarFingerprint", "resSidecarRes",
                "itemType", "dataClassType", "filenameEnc", "originalOrientation",
                "resOriginalWidth", "resOriginalHeight", "resOriginalFileType", "resOriginalFingerprint", "resOriginalRes",
                "resOriginalAltWidth", "resOriginalAltHeight", "resOriginalAltFileType", "resOriginalAltFingerprint", "resOriginalAltRes",
                "resOriginalVidComplWidth", "resOriginalVidComplHeight", "resOriginalVidComplFileType",
                "resOriginalVidComplFingerprint", "resOriginalVidComplRes",
                "isDeleted", "isExpunged", "dateExpunged", "remappedRef", "recordName", "recordType", "recordChangeTag", "masterRef",
                "adjustmentRenderType", "assetDate", "addedDate", "isFavorite", "isHidden", "orientation", "duration",
                "assetSubtype", "assetSubtypeV2", "assetHDRType", "burstFlags", "burstFlagsExt", "burstId",
                "captionEnc", "locationEnc", "locationV2Enc", "locationLatitude", "locationLongitude", "adjustmentType",
                "timeZoneOffset",
                "vidComplDurValue", "vidComplDurScale", "vidComplDispValue", "vidComplDispScale",
                "keywordsEnc", "extendedDescEnc", "adjustedMediaMetaDataEnc", "adjustmentSimpleDataEnc",
                "vidComplVisibilityState", "customRenderedValue", "containerId", "itemId", "position", "isKeyAsset"));
        keys.addAll(List.of("trashReason", "deletedBy", "contributors", "adjustmentCreatorCode", "adjustmentTimestampEnc",
                "timeZoneNameEnc", "originalCreationDate", "albumNameEnc", "albumType", "parentId",
                "resOriginalFileSize", "resOriginalAltFileSize", "resOriginalVidComplFileSize", "resJPEGFullFileSize",
                "resJPEGMedFileSize", "resJPEGThumbFileSize", "resVidFullFileSize", "resVidMedFileSize",
                "resVidSmallFileSize"));
        DESIRED_KEYS = Collections.unmodifiableList(keys);
    }

    private PhotoFields() {
    }
}
