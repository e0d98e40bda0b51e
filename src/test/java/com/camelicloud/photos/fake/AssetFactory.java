package com.camelicloud.photos.fake;

import java.util.EnumMap;
import java.util.Map;

/** Turns a {@link PhotoSpec} and a seed into the CPLMaster and CPLAsset states Apple would create. */
final class AssetFactory {

    private static final long KB = 1024;

    private AssetFactory() {
    }

    record Created(MasterState master, AssetState asset) {
    }

    static Created create(PhotoSpec spec, long seed, String assetId, long now) {
        Map<Variant, FakeResource> res = new EnumMap<>(Variant.class);
        boolean portrait = (Ids.mix(seed, "orientation") & 3) == 0;
        MediaKind originalKind = switch (spec.kind) {
            case JPEG, JPEG_PLUS_RAW -> MediaKind.JPEG;
            case HEIC, LIVE_PHOTO -> MediaKind.HEIC;
            case PNG -> MediaKind.PNG;
            case DNG -> MediaKind.DNG;
            case RAW_PLUS_JPEG -> MediaKind.CR2;
            case MOV -> MediaKind.MOV;
            case MP4 -> MediaKind.MP4;
        };
        if (originalKind.isVideo()) {
            res.put(Variant.ORIGINAL, resource(Variant.ORIGINAL, originalKind, spec.size, 1920, 1080, portrait, seed));
            res.put(Variant.VID_MED, resource(Variant.VID_MED, MediaKind.MOV, null, 1280, 720, portrait, seed));
            res.put(Variant.VID_SMALL, resource(Variant.VID_SMALL, MediaKind.MOV, null, 640, 360, portrait, seed));
        } else {
            res.put(Variant.ORIGINAL, resource(Variant.ORIGINAL, originalKind, spec.size, 4032, 3024, portrait, seed));
            res.put(Variant.JPEG_MED, resource(Variant.JPEG_MED, MediaKind.JPEG, null, 1536, 1152, portrait, seed));
        }
        res.put(Variant.JPEG_THUMB, resource(Variant.JPEG_THUMB, MediaKind.JPEG, null, 480, 360, portrait, seed));
        switch (spec.kind) {
            case LIVE_PHOTO -> {
                res.put(Variant.ORIGINAL_VID_COMPL,
                        resource(Variant.ORIGINAL_VID_COMPL, MediaKind.MOV, spec.size, 1920, 1440, portrait, seed));
                res.put(Variant.VID_MED, resource(Variant.VID_MED, MediaKind.MOV, null, 1280, 960, portrait, seed));
                res.put(Variant.VID_SMALL, resource(Variant.VID_SMALL, MediaKind.MOV, null, 640, 480, portrait, seed));
            }
            case RAW_PLUS_JPEG -> res.put(Variant.ORIGINAL_ALT,
                    resource(Variant.ORIGINAL_ALT, MediaKind.JPEG, spec.size, 4032, 3024, portrait, seed));
            case JPEG_PLUS_RAW -> res.put(Variant.ORIGINAL_ALT,
                    resource(Variant.ORIGINAL_ALT, MediaKind.DNG, spec.size, 4032, 3024, portrait, seed));
            default -> {
            }
        }

        long taken = spec.takenAt != null ? spec.takenAt.toEpochMilli() : now;
        long added = spec.addedAt != null ? spec.addedAt.toEpochMilli() : taken;
        MasterState master = new MasterState(originalKind, res, spec.filename, added);
        master.filenameAsString = spec.filenameAsString;

        AssetState asset = new AssetState(assetId, master.recordName(), taken, added);
        asset.timeZoneOffset = spec.timeZoneOffset;
        asset.favorite = spec.favorite;
        asset.hidden = spec.hidden;
        asset.caption = spec.caption;
        asset.latitude = spec.latitude;
        asset.longitude = spec.longitude;
        asset.live = spec.kind == PhotoSpec.Kind.LIVE_PHOTO;
        asset.subtypeV2 = asset.live ? 2 : spec.subtype == PhotoSpec.Subtype.SCREENSHOT ? 3 : 0;
        asset.subtype = switch (spec.subtype) {
            case PANORAMA -> 1;
            case SLOMO -> 100;
            case TIMELAPSE -> 101;
            default -> 0;
        };
        if (originalKind.isVideo()) {
            asset.duration = 1 + (Ids.mix(seed, "duration") & 0xFFFF) / 1000.0;
        }
        return new Created(master, asset);
    }

    /** The rendered edit of an asset: a full-size JPEG for photos, a full-size video for videos (§5.4). */
    static AssetState.Adjustment edit(MasterState master, long seed, long now) {
        boolean video = master.kind.isVideo();
        FakeResource original = master.resources.get(Variant.ORIGINAL);
        FakeResource rendition = video
                ? resource(Variant.VID_FULL, MediaKind.MOV, null, original.width(), original.height(), false, seed)
                : resource(Variant.JPEG_FULL, MediaKind.JPEG, null, original.width(), original.height(), false, seed);
        return new AssetState.Adjustment(video ? "com.apple.video" : "com.apple.photo", rendition, now);
    }

    private static FakeResource resource(Variant variant, MediaKind kind, Long fixedSize, int width, int height,
            boolean portrait, long assetSeed) {
        long seed = Ids.mix(assetSeed, variant.name());
        long size = fixedSize != null ? fixedSize : defaultSize(variant, kind, seed);
        if (kind == MediaKind.JPEG || kind == MediaKind.PNG) {
            // real images: the record gives their real pixel size, as iCloud's does
            return new FakeResource(variant, kind, size, MediaContent.IMAGE_WIDTH, MediaContent.IMAGE_HEIGHT, seed);
        }
        return new FakeResource(variant, kind, size, portrait ? height : width, portrait ? width : height, seed);
    }

    private static long defaultSize(Variant variant, MediaKind kind, long seed) {
        long r = Ids.mix(seed, "size") & Long.MAX_VALUE;
        return switch (variant) {
            case JPEG_THUMB -> 4 * KB + r % (4 * KB);
            case JPEG_MED -> 8 * KB + r % (24 * KB);
            case VID_SMALL -> 6 * KB + r % (16 * KB);
            case VID_MED -> 12 * KB + r % (32 * KB);
            default -> (kind.isVideo() ? 24 * KB : 8 * KB) + r % (92 * KB);
        };
    }
}
