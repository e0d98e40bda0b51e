package com.camelicloud.photos.sync;

/** Produces the pages of one zone for one cycle. */
interface ZoneWalker {

    /**
     * Whether {@link #nextPage()} has a page to give. Answered without making the page where the walk allows it,
     * because the consumer asks before it processed the page it holds (see {@link ChangeFeed#hasNext()}).
     */
    boolean hasNextPage();

    /** The next page; only called when {@link #hasNextPage()} said there is one. */
    ChangePage nextPage();
}
