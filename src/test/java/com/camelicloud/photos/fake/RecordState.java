package com.camelicloud.photos.fake;

/**
 * One version of a record as it sits in a zone's change log. Implementations are never modified after they have
 * been appended to a log; mutations append a changed copy.
 */
interface RecordState {

    String recordName();

    /** {@code null} for tombstones. */
    String recordType();

    /** A hard-delete tombstone (§5.10). */
    record Tombstone(String recordName) implements RecordState {
        @Override
        public String recordType() {
            return null;
        }
    }

    /** CPLContainerRelation, the album membership edge {@code {asset}-IN-{album}} (§5.6). */
    record Relation(String assetId, String albumId, long position, boolean keyAsset, long modificationDate)
            implements RecordState {
        static String name(String assetId, String albumId) {
            return assetId + "-IN-" + albumId;
        }

        @Override
        public String recordName() {
            return name(assetId, albumId);
        }

        @Override
        public String recordType() {
            return "CPLContainerRelation";
        }
    }

    /** CPLLibraryInfo; its counters are computed from the zone when rendered (it is re-emitted with every change). */
    record LibraryInfo(String recordName) implements RecordState {
        @Override
        public String recordType() {
            return "CPLLibraryInfo";
        }
    }

    /** CPLSharedLibraryQuota of one contributor; the byte count is computed from the zone when rendered. */
    record Quota(String contributor) implements RecordState {
        @Override
        public String recordName() {
            return "SharedLibraryQuota-" + contributor;
        }

        @Override
        public String recordType() {
            return "CPLSharedLibraryQuota";
        }
    }

    /** A record type clients must ignore (CPLPerson, CPLFaceCrop), with one opaque ENCRYPTED_BYTES field. */
    record Ignorable(String recordName, String recordType, String field, String base64Value) implements RecordState {
    }
}
