package com.camelicloud.photos.sync;

/** Produces the pages of one zone for one cycle. */
interface ZoneWalker {

    /** The next page, or null when the zone is done. */
    ChangePage nextPage();
}
