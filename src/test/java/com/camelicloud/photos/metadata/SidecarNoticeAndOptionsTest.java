package com.camelicloud.photos.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class SidecarNoticeAndOptionsTest {

    @Test
    void aNoticeIsSaidOncePerKeyEvenFromManyThreads() throws Exception {
        SidecarNotice notice = new SidecarNotice();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> said = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                said.add(pool.submit(() -> {
                    start.await();
                    return notice.once("unsupported:public.heic", "HEIC files cannot be edited safely");
                }));
            }
            start.countDown();
            int times = 0;
            for (Future<Boolean> one : said) {
                times += one.get() ? 1 : 0;
            }
            assertThat(times).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(notice.once("unsupported:public.png", "PNG…")).isTrue();
        assertThat(notice.keys()).containsExactlyInAnyOrder("unsupported:public.heic", "unsupported:public.png");
        notice.reset();
        assertThat(notice.once("unsupported:public.heic", "again, next run")).isTrue();
    }

    @Test
    void optionsSayWhatTheyAskFor() {
        MetadataOptions sidecarOnly = new MetadataOptions(false, false, false, false, false, true);
        MetadataOptions ratingOnly = new MetadataOptions(false, true, false, false, false, false);
        MetadataOptions xmpOnly = new MetadataOptions(false, false, false, false, true, false);

        assertThat(MetadataOptions.none().any()).isFalse();
        assertThat(MetadataOptions.none().anyInFile()).isFalse();
        assertThat(MetadataOptions.all().any()).isTrue();
        assertThat(MetadataOptions.all().anyExif()).isTrue();
        assertThat(sidecarOnly.any()).isTrue();
        assertThat(sidecarOnly.anyInFile()).isFalse();
        assertThat(ratingOnly.anyExif()).isTrue();
        assertThat(xmpOnly.anyExif()).isFalse();
        assertThat(xmpOnly.anyInFile()).isTrue();
    }
}
