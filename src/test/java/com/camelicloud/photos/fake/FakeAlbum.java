package com.camelicloud.photos.fake;

import java.util.List;

/** A user album (type 0) or folder (type 3) as it currently is, with the ids of its member assets. */
public record FakeAlbum(String id, String name, int albumType, String parentId, List<String> assetIds) {
}
