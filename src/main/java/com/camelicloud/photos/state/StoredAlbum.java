package com.camelicloud.photos.state;

import java.util.ArrayList;
import java.util.List;

/**
 * A user album or folder as the index knows it (CPLAlbum, docs/protocol.md §5.5).
 *
 * @param name     NFC-decoded; null when no record named it
 * @param parentId the folder it is in (or a root sentinel); null when unknown
 * @param folders  the names of the folders it is in, outermost first, once resolved (empty at the top level, and in
 *                 rows read straight from the index)
 */
public record StoredAlbum(String albumId, String name, String parentId, boolean deleted, List<String> folders) {

    public StoredAlbum {
        folders = List.copyOf(folders);
    }

    /** Whether its folder exists in an {album} layout: not deleted (nor any folder it is in), and named. */
    public boolean isLive() {
        return !deleted && name != null;
    }

    /** The same album inside {@code resolvedFolders}; deleted when one of them is. */
    public StoredAlbum within(List<String> resolvedFolders, boolean folderDeleted) {
        return new StoredAlbum(albumId, name, parentId, deleted || folderDeleted, resolvedFolders);
    }

    /** Its folders' names, then its own: what {@code {album}} renders, one directory each. */
    public List<String> path() {
        List<String> path = new ArrayList<>(folders);
        path.add(name);
        return path;
    }

    /** {@link #path()} as users write it: {@code Trips/Trip to Rome}. */
    public String pathName() {
        return String.join("/", path());
    }

    /**
     * What {@code -a} and {@code --exclude-album} match it by: its name and path, and the name and path of every folder
     * it is in ({@code Trip to Rome}, {@code Trips/Trip to Rome}, {@code Trips}).
     */
    public List<String> filterNames() {
        List<String> names = new ArrayList<>();
        List<String> path = path();
        for (int i = 0; i < path.size(); i++) {
            names.add(path.get(i));
            if (i > 0) {
                names.add(String.join("/", path.subList(0, i + 1)));
            }
        }
        return names;
    }
}
