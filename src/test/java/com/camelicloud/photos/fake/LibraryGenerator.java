package com.camelicloud.photos.fake;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills a zone with a deterministic library that contains every kind of item clients must handle: JPEG, HEIC, PNG
 * screenshots, MOV and MP4 videos, Live Photos, RAW+JPEG pairs both ways round, DNG, edited photos and videos,
 * favourites, hidden and recently deleted items, duplicate file names (different photos; same name and same date),
 * NFD/NFC/CJK/emoji names, a master without {@code filenameEnc}, a STRING-typed {@code filenameEnc}, iOS duplicates
 * (two assets, one master), time-zone offsets, captions and locations. The history around them is realistic too:
 * items added then purged (tombstones), flags toggled back and forth (superseded log entries), albums with members,
 * a folder, a removed membership, a deleted album, and a few CPLPerson/CPLFaceCrop records to ignore. In a Shared
 * Library every third item is contributed by another member.
 * <p>
 * The same seed and count on a fresh zone always produce the same record names, dates and bytes.
 */
public final class LibraryGenerator {

    /** A second Shared Library member, the contributor of "someone else's" photos. */
    public static final String OTHER_MEMBER = Ids.userRecordName("other-member@example.com");

    private static final int[] OFFSETS = {25_200, -18_000, 3_600, 19_800, -12_600};
    private static final int KINDS = 24;
    private static final Instant EPOCH = Instant.parse("2016-01-01T08:00:00Z");

    private final long seed;
    private Long fixedSize;

    public LibraryGenerator(long seed) {
        this.seed = seed;
    }

    /** Shortcut for {@code new LibraryGenerator(seed).populate(zone, count)}. */
    public static List<String> populate(FakeZone zone, long seed, int count) {
        return new LibraryGenerator(seed).populate(zone, count);
    }

    /** Every original (and RAW alternative, Live Photo video) gets exactly this size, e.g. 1 MB for benchmarks. */
    public LibraryGenerator fixedSize(long bytes) {
        if (bytes < MediaContent.MIN_IMAGE_SIZE) {
            throw new IllegalArgumentException("fixed size must be at least " + MediaContent.MIN_IMAGE_SIZE);
        }
        this.fixedSize = bytes;
        return this;
    }

    /**
     * Adds {@code count} assets (plus history that leaves no asset behind) and returns their ids in creation order.
     * Item {@code i} is older than item {@code i + 1}, so rank 0 of "All Photos" is among the last ones added.
     */
    public List<String> populate(FakeZone zone, int count) {
        List<String> ids = new ArrayList<>();
        Instant taken = EPOCH;
        int i = 0;
        while (ids.size() < count) {
            taken = taken.plus(Duration.ofMinutes(90 + (Ids.mix(seed, "gap" + i) & 0xFFFF) % 7_200));
            addItem(zone, i, taken, count - ids.size(), ids);
            if (i % 40 == 39) {
                String doomed = zone.addPhoto(spec(PhotoSpec.photo(String.format("IMG_%04d.JPG", 9000 + i)), i, taken, "purged"));
                zone.trash(doomed);
                zone.purge(doomed);
            }
            i++;
        }
        if (zone.kind() == FakeZone.Kind.PRIMARY) {
            addAlbums(zone, ids);
        }
        for (int n = 0; n < Math.max(1, count / 100); n++) {
            zone.addIgnorable("CPLPerson", "fullNameEnc", "Person " + n);
            zone.addIgnorable("CPLFaceCrop", "personIdEnc", "face " + n);
        }
        return ids;
    }

    private void addItem(FakeZone zone, int i, Instant taken, int remaining, List<String> ids) {
        int slot = i % KINDS;
        String n = String.format("%04d", i % 10_000);
        String id;
        switch (slot) {
            case 0 -> id = add(zone, i, taken, PhotoSpec.photo("IMG_" + n + ".JPG"));
            case 1 -> id = add(zone, i, taken, PhotoSpec.photo("IMG_" + n + ".HEIC"));
            case 2 -> id = add(zone, i, taken, PhotoSpec.photo("Screenshot " + n + ".PNG").subtype(PhotoSpec.Subtype.SCREENSHOT));
            case 3 -> id = add(zone, i, taken, PhotoSpec.video("IMG_" + n + ".MOV"));
            case 4 -> id = add(zone, i, taken, PhotoSpec.video("VID_" + n + ".MP4"));
            case 5 -> id = add(zone, i, taken, PhotoSpec.livePhoto("IMG_" + n + ".HEIC"));
            case 6 -> id = add(zone, i, taken, PhotoSpec.rawPlusJpeg("IMG_" + n + ".CR2"));
            case 7 -> id = add(zone, i, taken, PhotoSpec.of(PhotoSpec.Kind.JPEG_PLUS_RAW, "IMG_" + n + ".JPG"));
            case 8 -> {
                id = add(zone, i, taken, PhotoSpec.photo("IMG_" + n + ".JPG"));
                zone.edit(id);
            }
            case 9 -> {
                id = add(zone, i, taken, PhotoSpec.photo("IMG_" + n + ".HEIC").favorite(true));
                zone.unfavourite(id); // superseded history: the delivered state is the last one
                zone.favourite(id);
            }
            case 10 -> id = add(zone, i, taken, PhotoSpec.photo("IMG_" + n + ".JPG").hidden(true));
            case 11 -> {
                id = add(zone, i, taken, PhotoSpec.photo("IMG_" + n + ".JPG"));
                zone.trash(id);
            }
            case 12 -> id = add(zone, i, taken, PhotoSpec.photo("IMG_0001.JPG")); // same name, other photo, other size
            case 13 -> {
                id = add(zone, i, taken, PhotoSpec.photo("IMG_SAME.JPG"));
                if (remaining >= 2) { // same name, same capture time, different photo
                    ids.add(id);
                    id = zone.addPhoto(spec(PhotoSpec.photo("IMG_SAME.JPG"), i, taken, "twin"));
                }
            }
            case 14 -> id = add(zone, i, taken, PhotoSpec.photo(Normalizer.normalize("Jörg_" + n + ".JPG", Normalizer.Form.NFD)));
            case 15 -> id = add(zone, i, taken, PhotoSpec.photo("IMG_中文_" + n + ".JPG"));
            case 16 -> id = add(zone, i, taken, PhotoSpec.photo("🎉 party " + n + ".HEIC"));
            case 17 -> id = add(zone, i, taken, PhotoSpec.photo("IMG_" + n + ".JPG").noFilename());
            case 18 -> {
                id = add(zone, i, taken, PhotoSpec.photo("IMG_" + n + ".JPG"));
                if (remaining >= 2) { // iOS Duplicate: a second asset on the same master
                    ids.add(id);
                    id = zone.duplicate(id);
                }
            }
            case 19 -> id = add(zone, i, taken, PhotoSpec.photo("IMG_" + n + ".JPG").filenameAsString());
            case 20 -> {
                id = add(zone, i, taken, PhotoSpec.video("IMG_" + n + ".MOV"));
                zone.edit(id);
            }
            case 21 -> id = add(zone, i, taken, PhotoSpec.photo("IMG_" + n + ".JPG")
                    .caption("Sunset at Wat Arun").location(13.7437, 100.4888).timeZoneOffset(25_200));
            case 22 -> id = add(zone, i, taken, PhotoSpec.photo("IMG_" + n + ".DNG"));
            default -> id = add(zone, i, taken, PhotoSpec.livePhoto(Normalizer.normalize("Jörg_" + n + ".HEIC",
                    Normalizer.Form.NFC)).favorite(true));
        }
        ids.add(id);
    }

    private String add(FakeZone zone, int i, Instant taken, PhotoSpec spec) {
        if (i % 3 == 0 && spec.timeZoneOffset == null) {
            spec.timeZoneOffset(OFFSETS[(i / 3) % OFFSETS.length]);
        }
        PhotoSpec seeded = spec(spec, i, taken, "asset");
        if (zone.kind() == FakeZone.Kind.SHARED_LIBRARY && i % 3 == 2) {
            return zone.otherMemberAdds(OTHER_MEMBER, seeded);
        }
        return zone.addPhoto(seeded);
    }

    private PhotoSpec spec(PhotoSpec spec, int i, Instant taken, String salt) {
        spec.seed(Ids.mix(seed, salt + i)).takenAt(taken)
                .addedAt(taken.plus(Duration.ofMinutes((Ids.mix(seed, "added" + i) & 0xFFFF) % 2_880)));
        if (fixedSize != null) {
            spec.size(fixedSize);
        }
        return spec;
    }

    private static void addAlbums(FakeZone zone, List<String> ids) {
        String holidays = zone.createAlbum("Holidays");
        String nfd = zone.createAlbum(Normalizer.normalize("Jörg", Normalizer.Form.NFD));
        String trips = zone.createFolder("Trips");
        String paris = zone.createAlbum("Paris", trips);
        zone.createAlbum("Empty");
        String old = zone.createAlbum("Old album");
        for (int i = 0; i < ids.size(); i++) {
            FakeAsset asset = zone.asset(ids.get(i));
            if (asset == null || asset.isDeleted()) {
                continue;
            }
            if (i % 7 == 0) {
                zone.addToAlbum(ids.get(i), holidays);
            }
            if (i % 11 == 0) {
                zone.addToAlbum(ids.get(i), nfd);
            }
            if (i % 13 == 0) {
                zone.addToAlbum(ids.get(i), paris);
            }
        }
        if (!ids.isEmpty()) {
            zone.addToAlbum(ids.get(0), old);
            zone.deleteAlbum(old);
            zone.removeFromAlbum(ids.get(0), holidays);
        }
    }
}
