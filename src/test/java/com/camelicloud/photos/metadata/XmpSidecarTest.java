package com.camelicloud.photos.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XmpSidecarTest {

    private static final PhotoMetadata FULL = MetadataWriterTest.FULL;

    @TempDir
    Path dir;

    @Test
    void namesTheSidecarAfterTheWholeFileNameByDefault() {
        XmpSidecar darktable = new XmpSidecar();
        XmpSidecar lightroom = new XmpSidecar(XmpSidecar.Naming.REPLACE_EXTENSION);

        assertThat(darktable.naming()).isEqualTo(XmpSidecar.Naming.APPEND_EXTENSION);
        assertThat(darktable.nameFor("IMG_0001.HEIC")).isEqualTo("IMG_0001.HEIC.xmp");
        assertThat(darktable.pathFor(Path.of("2018/07/31/IMG_0001_HEVC.MOV")))
                .isEqualTo(Path.of("2018/07/31/IMG_0001_HEVC.MOV.xmp"));
        assertThat(lightroom.nameFor("IMG_0001.HEIC")).isEqualTo("IMG_0001.xmp");
        assertThat(lightroom.nameFor("archive.tar.gz")).isEqualTo("archive.tar.xmp");
        assertThat(lightroom.nameFor("README")).isEqualTo("README.xmp");
        assertThat(lightroom.nameFor(".hidden")).isEqualTo(".hidden.xmp");
    }

    @Test
    void aSidecarMergedIntoLaterHasTheBytesOfOneWrittenFreshWithTheSameFields() throws Exception {
        PhotoMetadata unrated = new PhotoMetadata(FULL.captureTime(), FULL.captureOffset(), false, FULL.location(),
                FULL.title(), FULL.description(), FULL.keywords());
        XmpSidecar sidecars = new XmpSidecar();
        Path media = dir.resolve("IMG_0001.HEIC");
        sidecars.write(media, unrated);

        sidecars.write(media, FULL);

        assertThat(Files.readAllBytes(sidecars.pathFor(media))).isEqualTo(sidecars.bytes(FULL));
    }

    @Test
    void theSidecarParsesWithXmpcoreAndCarriesEveryField() throws Exception {
        byte[] bytes = new XmpSidecar().bytes(FULL);

        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).startsWith("<x:xmpmeta").doesNotContain("<?xpacket");
        XMPMeta xmp = XMPMetaFactory.parseFromBuffer(bytes);
        assertThat(xmp.getLocalizedText(XMPConst.NS_DC, "title", "", XMPConst.X_DEFAULT).getValue())
                .isEqualTo("Sunset");
        assertThat(xmp.getLocalizedText(XMPConst.NS_DC, "description", "", XMPConst.X_DEFAULT).getValue())
                .isEqualTo("Long day at the beach, Jörg ☃");
        assertThat(MetadataWriterTest.subjects(xmp)).containsExactly("Beach", "Thailand");
        assertThat(xmp.getPropertyInteger(XMPConst.NS_XMP, "Rating")).isEqualTo(5);
        assertThat(xmp.getPropertyString(XMPConst.NS_EXIF, "DateTimeOriginal"))
                .isEqualTo("2018-07-31T14:02:52+07:00");
        assertThat(xmp.getPropertyString(XMPConst.NS_PHOTOSHOP, "DateCreated"))
                .isEqualTo("2018-07-31T14:02:52+07:00");
        assertThat(MetadataWriterTest.xmpDegrees(xmp.getPropertyString(XMPConst.NS_EXIF, "GPSLatitude")))
                .isCloseTo(13.7563121, within(1e-6));
        assertThat(MetadataWriterTest.xmpDegrees(xmp.getPropertyString(XMPConst.NS_EXIF, "GPSLongitude")))
                .isCloseTo(-100.5018456, within(1e-6));
        assertThat(xmp.getPropertyString(XMPConst.NS_EXIF, "GPSAltitude")).isEqualTo("1250/100");
        assertThat(xmp.getPropertyString(XMPConst.NS_EXIF, "GPSAltitudeRef")).isEqualTo("0");
    }

    @Test
    void emptyMetadataStillMakesAValidPacket() throws Exception {
        XMPMeta xmp = XMPMetaFactory.parseFromBuffer(new XmpSidecar().bytes(PhotoMetadata.empty()));

        assertThat(xmp.getPropertyInteger(XMPConst.NS_XMP, "Rating")).isZero();
        assertThat(xmp.doesPropertyExist(XMPConst.NS_DC, "title")).isFalse();
        assertThat(xmp.doesPropertyExist(XMPConst.NS_EXIF, "DateTimeOriginal")).isFalse();
    }

    @Test
    void writesNextToTheMediaFileAtomically() throws Exception {
        Path media = dir.resolve("2018/07/31/IMG_0001.HEIC");
        Files.createDirectories(media.getParent());

        Path sidecar = new XmpSidecar().write(media, FULL);

        assertThat(sidecar).isEqualTo(media.resolveSibling("IMG_0001.HEIC.xmp"));
        assertThat(Files.readAllBytes(sidecar)).isEqualTo(new XmpSidecar().bytes(FULL));
        try (Stream<Path> files = Files.list(media.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("IMG_0001.HEIC.xmp");
        }
    }

    @Test
    void anExistingSidecarIsMergedIntoNotOverwritten() throws Exception {
        Path media = dir.resolve("IMG_0002.JPG");
        Path sidecar = dir.resolve("IMG_0002.JPG.xmp");
        Files.writeString(sidecar, """
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                <rdf:Description rdf:about="" xmlns:darktable="http://darktable.sf.net/"
                  xmlns:exif="http://ns.adobe.com/exif/1.0/" darktable:history_end="3"
                  exif:DateTimeOriginal="2001-02-03T04:05:06">
                <darktable:history><rdf:Seq><rdf:li>exposure</rdf:li></rdf:Seq></darktable:history>
                </rdf:Description></rdf:RDF></x:xmpmeta>""");

        new XmpSidecar().write(media, FULL);
        byte[] merged = Files.readAllBytes(sidecar);
        Files.setLastModifiedTime(sidecar, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        new XmpSidecar().write(media, FULL);

        XMPMeta xmp = XMPMetaFactory.parseFromBuffer(merged);
        assertThat(xmp.getPropertyString("http://darktable.sf.net/", "history_end")).isEqualTo("3");
        assertThat(xmp.getArrayItem("http://darktable.sf.net/", "history", 1).getValue()).isEqualTo("exposure");
        assertThat(xmp.getPropertyString(XMPConst.NS_EXIF, "DateTimeOriginal")).isEqualTo("2001-02-03T04:05:06");
        assertThat(xmp.getPropertyInteger(XMPConst.NS_XMP, "Rating")).isEqualTo(5);
        assertThat(MetadataWriterTest.subjects(xmp)).containsExactly("Beach", "Thailand");
        // nothing new the second time: the file is not rewritten
        assertThat(Files.getLastModifiedTime(sidecar).toInstant()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(Files.readAllBytes(sidecar)).isEqualTo(merged);
    }

    @Test
    void anUnreadableSidecarIsLeftAlone() throws Exception {
        Path media = dir.resolve("IMG_0003.JPG");
        Path sidecar = dir.resolve("IMG_0003.JPG.xmp");
        Files.writeString(sidecar, "not xml at all <<<");
        Files.createDirectories(dir.resolve("IMG_0004.JPG.xmp"));

        assertThatThrownBy(() -> new XmpSidecar().write(media, FULL)).isInstanceOf(IOException.class)
                .hasMessageContaining("left unchanged");
        assertThatThrownBy(() -> new XmpSidecar().write(dir.resolve("IMG_0004.JPG"), FULL))
                .isInstanceOf(IOException.class).hasMessageContaining("not a regular file");
        assertThat(Files.readString(sidecar)).isEqualTo("not xml at all <<<");
        assertThatThrownBy(() -> new XmpSidecar().merge("<<<".getBytes(StandardCharsets.UTF_8), FULL))
                .isInstanceOf(IOException.class);
    }

    @Test
    void mergeBytesForDestinationsThatAreNotLocalFiles() throws Exception {
        byte[] first = new XmpSidecar().bytes(PhotoMetadata.empty());

        byte[] merged = new XmpSidecar().merge(first, FULL);

        assertThat(XMPMetaFactory.parseFromBuffer(merged).getPropertyInteger(XMPConst.NS_XMP, "Rating")).isEqualTo(5);
    }

    @Test
    void manyThreadsWriteSidecarsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Path>> written = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Path media = dir.resolve("IMG_" + i + ".HEIC");
                written.add(pool.submit(() -> new XmpSidecar().write(media, FULL)));
            }
            for (Future<Path> sidecar : written) {
                assertThat(XMPMetaFactory.parseFromBuffer(Files.readAllBytes(sidecar.get()))
                        .getPropertyInteger(XMPConst.NS_XMP, "Rating")).isEqualTo(5);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> !p.getFileName().toString().endsWith(".HEIC.xmp"))).isEmpty();
        }
    }
}
