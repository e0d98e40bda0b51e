package com.camelicloud.photos.download;

import static org.assertj.core.api.Assertions.assertThat;

import com.camelicloud.photos.library.Resource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TempFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"'', ''", "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void base32FollowsRfc4648WithoutPadding(String input, String expected) {
        assertThat(TempFiles.base32(input.getBytes(StandardCharsets.US_ASCII))).isEqualTo(expected);
    }

    @Test
    void namesTheFileAfterTheChecksumLikeKei() {
        // icloudpd's name for this checksum is AGHJZ6A3ATJDRWS7D5WZSUMJGNIPMVOBBY======.part (docs/protocol.md §8.7)
        TempFiles temp = new TempFiles(dir, ".icloud-tmp", Duration.ofHours(1));
        Resource resource = new Resource("resOriginal", "public.jpeg", 1884695, "AY6c+BsE0jjaXx9tmVGJM1D2VcEO",
                "https://cvws.icloud-content.com/B/AY6c-BsE0jja/${f}?e=1", null, null);

        assertThat(temp.pathFor(resource)).isEqualTo(dir.resolve("AGHJZ6A3ATJDRWS7D5WZSUMJGNIPMVOBBY.icloud-tmp"));
    }

    @Test
    void fallsBackToAHashOfTheUrlPathThatSurvivesARefresh() {
        Resource first = new Resource("resOriginal", "public.jpeg", 10, null,
                "https://cvws.icloud-content.com/B/AY6c-BsE0jja/${f}?e=1&s=one", null, null);
        Resource refreshed = new Resource("resOriginal", "public.jpeg", 10, "not base64!",
                "https://cvws.icloud-content.com/B/AY6c-BsE0jja/${f}?e=2&s=two", null, null);
        Resource other = new Resource("resOriginal", "public.jpeg", 10, "",
                "https://cvws.icloud-content.com/B/Other/${f}?e=1&s=one", null, null);

        assertThat(TempFiles.baseName(first)).matches("[0-9a-f]{64}").isEqualTo(TempFiles.baseName(refreshed))
                .isNotEqualTo(TempFiles.baseName(other));
    }

    @Test
    void deletesOnlyStaleFilesWithTheSuffix() throws Exception {
        TempFiles temp = new TempFiles(dir, ".icloud-tmp", Duration.ofHours(1));
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        Path stale = Files.write(dir.resolve("OLD.icloud-tmp"), new byte[3]);
        Path fresh = Files.write(dir.resolve("NEW.icloud-tmp"), new byte[3]);
        Path foreign = Files.write(dir.resolve("IMG_0001.JPG"), new byte[3]);
        Path foreignPart = Files.write(dir.resolve("OTHER.part"), new byte[3]);
        Path subdir = Files.createDirectory(dir.resolve("DIR.icloud-tmp"));
        for (Path p : new Path[] {stale, foreign, foreignPart, subdir}) {
            Files.setLastModifiedTime(p, old);
        }

        assertThat(temp.deleteStale()).isEqualTo(1);

        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(foreign).exists();
        assertThat(foreignPart).exists();
        assertThat(subdir).isDirectory();
    }

    @Test
    void aMissingDirectoryHasNothingToClean() {
        assertThat(new TempFiles(dir.resolve("absent"), ".icloud-tmp", Duration.ofHours(1)).deleteStale()).isZero();
    }
}
