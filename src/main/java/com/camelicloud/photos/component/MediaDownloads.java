package com.camelicloud.photos.component;

import org.apache.camel.Exchange;

/** The download operation: a FileTask in, the validated temp file out. */
final class MediaDownloads {

    void download(Exchange exchange) {
        throw new UnsupportedOperationException("download is wired in next");
    }
}
