package com.camelicloud.photos.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BinaryPlistTest {

    /**
     * Written by Python's plistlib: {@code {'lat': 13.7563, 'lon': 100.5018, 'alt': 12.5, 'timestamp':
     * 2018-07-31T07:02:52Z, 'horzAcc': 5.0, 'vertAcc': 3, 'course': -1.0, 'speed': -1.0}}, the shape of a
     * {@code locationEnc} (docs/protocol.md §5.11).
     */
    static final String PYTHON_LOCATION = "YnBsaXN0MDDYAQIDBAUGBwgJCgsMDQoOD1NhbHRWY291cnNlV2hvcnpBY2NTbGF0U2xvblVzcGVlZFl0aW1lc"
            + "3RhbXBXdmVydEFjYyNAKQAAAAAAACO/8AAAAAAAACNAFAAAAAAAACNAK4M5wOvt+iNAWSAdfb9IgDNBwIggjgAAABADCBkdJCwwNDpETFVeZ3"
            + "B5ggAAAAAAAAEBAAAAAAAAABAAAAAAAAAAAAAAAAAAAACE";

    /** Written by plistlib: {@code ['Beach', 'Bangkok', 'Ünïcödé ☃', 'x' * 20]}, a {@code keywordsEnc}. */
    static final String PYTHON_KEYWORDS = "YnBsaXN0MDCkAQIDBFVCZWFjaFdCYW5na29raQDcAG4A7wBjAPYAZADpACAmA18QFHh4eHh4eHh4eH"
            + "h4eHh4eHh4eHh4CA0TGy4AAAAAAAABAQAAAAAAAAAFAAAAAAAAAAAAAAAAAAAARQ==";

    /**
     * Written by plistlib: {@code {'lng': -122.4194, 'lat': 37.7749, 'nested': {'list': range(20), 'flag': True,
     * 'off': False, 'data': b'\0\1\2', 'big': 2**40, 'neg': -5, 'huge': 2**64 - 1, 'float': 1.5, 'when':
     * 2001-01-01T00:00:01Z}}}.
     */
    static final String PYTHON_MIXED = "YnBsaXN0MDDTAQIDBAUGU2xuZ1NsYXRWbmVzdGVkI8BemtdzGPxQI0BC4y/sVtXQ2QcICQoLDA0ODxAlJ"
            + "icoKSorLFRsaXN0VGZsYWdTb2ZmVGRhdGFTYmlnU25lZ1RodWdlVWZsb2F0VHdoZW6vEBQREhMUFRYXGBkaGxwdHh8gISIjJBAAEAEQAhADEA"
            + "QQBRAGEAcQCBAJEAoQCxAMEA0QDhAPEBAQERASEBMJCEMAAQITAAABAAAAAAAT//////////sUAAAAAAAAAAD//////////yM/+AAAAAAAADM/"
            + "8AAAAAAAAAgPExceJzBDSE1RVlpeY2luhYeJi42PkZOVl5mbnZ+ho6Wnqautrq+zvMXW3wAAAAAAAAEBAAAAAAAAAC0AAAAAAAAAAAAAAAAAAA"
            + "Do";

    private static byte[] b64(String text) {
        return Base64.getDecoder().decode(text);
    }

    @Test
    void readsALocationDictionaryWrittenByPython() throws Exception {
        Object parsed = BinaryPlist.parse(b64(PYTHON_LOCATION));

        assertThat(parsed).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) parsed;
        assertThat(map.get("lat")).isEqualTo(13.7563);
        assertThat(map.get("lon")).isEqualTo(100.5018);
        assertThat(map.get("alt")).isEqualTo(12.5);
        assertThat(map.get("vertAcc")).isEqualTo(3L);
        assertThat(map.get("course")).isEqualTo(-1.0);
        assertThat(map.get("timestamp")).isEqualTo(Instant.parse("2018-07-31T07:02:52Z"));
        assertThat(map.keySet()).hasSize(8);
    }

    @Test
    void readsAKeywordArrayWrittenByPython() throws Exception {
        assertThat(BinaryPlist.parse(b64(PYTHON_KEYWORDS)))
                .isEqualTo(List.of("Beach", "Bangkok", "Ünïcödé ☃", "x".repeat(20)));
    }

    @Test
    void readsEveryScalarTypeAndExtendedCounts() throws Exception {
        Map<?, ?> map = (Map<?, ?>) BinaryPlist.parse(b64(PYTHON_MIXED));

        assertThat(map.get("lng")).isEqualTo(-122.4194);
        Map<?, ?> nested = (Map<?, ?>) map.get("nested");
        assertThat(nested.get("list")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(20)
                .startsWith(0L, 1L).endsWith(19L);
        assertThat(nested.get("flag")).isEqualTo(true);
        assertThat(nested.get("off")).isEqualTo(false);
        assertThat((byte[]) nested.get("data")).containsExactly(0, 1, 2);
        assertThat(nested.get("big")).isEqualTo(1L << 40);
        assertThat(nested.get("neg")).isEqualTo(-5L);
        assertThat(nested.get("huge")).isEqualTo(BigInteger.TWO.pow(64).subtract(BigInteger.ONE));
        assertThat(nested.get("float")).isEqualTo(1.5);
        assertThat(nested.get("when")).isEqualTo(Instant.parse("2001-01-01T00:00:01Z"));
    }

    @Test
    void resultsAreUnmodifiable() throws Exception {
        List<?> list = (List<?>) BinaryPlist.parse(b64(PYTHON_KEYWORDS));
        Map<?, ?> map = (Map<?, ?>) BinaryPlist.parse(b64(PYTHON_LOCATION));

        assertThatThrownBy(() -> list.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(map::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void readsTwoByteReferencesAndUtf16() throws Exception {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add("k" + i);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("many", many);
        root.put("name", "Jörg ☃");
        root.put("when", Instant.parse("2024-03-04T23:30:00.250Z"));

        Map<?, ?> parsed = (Map<?, ?>) BinaryPlist.parse(TestPlists.write(root));

        assertThat(parsed.get("many")).isEqualTo(many);
        assertThat(parsed.get("name")).isEqualTo("Jörg ☃");
        assertThat(parsed.get("when")).isEqualTo(Instant.parse("2024-03-04T23:30:00.250Z"));
    }

    @Test
    void sharedObjectsAreDecodedOnce() {
        // 60 levels, each an array holding the next level twice: 2^60 paths, 61 objects
        List<byte[]> objects = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            objects.add(new byte[] {(byte) 0xA2, (byte) (i + 1), (byte) (i + 1)});
        }
        objects.add(new byte[] {0x51, 'x'});
        byte[] bomb = assemble(0, objects.toArray(new byte[0][]));

        Object parsed = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> BinaryPlist.parse(bomb));

        assertThat(parsed).isInstanceOf(List.class);
    }

    @Test
    void refusesReferenceCycles() {
        byte[] selfContaining = assemble(0, new byte[] {(byte) 0xA1, 0x00});
        byte[] twoStepCycle = assemble(0, new byte[] {(byte) 0xD1, 0x01, 0x01}, new byte[] {(byte) 0xA1, 0x00});

        assertThatThrownBy(() -> BinaryPlist.parse(selfContaining)).isInstanceOf(BinaryPlist.FormatException.class)
                .hasMessageContaining("contains itself");
        assertThatThrownBy(() -> BinaryPlist.parse(twoStepCycle)).isInstanceOf(BinaryPlist.FormatException.class);
    }

    @Test
    void refusesDeepNesting() {
        List<byte[]> objects = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            objects.add(new byte[] {(byte) 0xA1, (byte) (i + 1)});
        }
        objects.add(new byte[] {0x08});

        assertThatThrownBy(() -> BinaryPlist.parse(assemble(0, objects.toArray(new byte[0][]))))
                .isInstanceOf(BinaryPlist.FormatException.class).hasMessageContaining("deeper");
    }

    @Test
    void refusesBadReferencesLengthsAndTrailers() {
        byte[] danglingRef = assemble(0, new byte[] {(byte) 0xA1, 0x05});
        byte[] hugeCount = assemble(0, new byte[] {0x5F, 0x13, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        byte[] stringPastEnd = assemble(0, new byte[] {0x5E, 'a'});
        byte[] unknownMarker = assemble(0, new byte[] {(byte) 0x90});
        byte[] oddInteger = assemble(0, new byte[] {0x15, 1, 2});
        byte[] badTop = withTrailer(assemble(0, new byte[] {0x08}), 1, 1, 1, 7, 9);
        byte[] zeroOffsetSize = withTrailer(assemble(0, new byte[] {0x08}), 0, 1, 1, 0, 9);
        byte[] tablePastEnd = withTrailer(assemble(0, new byte[] {0x08}), 1, 1, 50, 0, 9);
        byte[] offsetIntoHeader = withTrailer(assemble(0, new byte[] {0x08}), 1, 1, 1, 0, 9, 2);

        for (byte[] bad : List.of(danglingRef, hugeCount, stringPastEnd, unknownMarker, oddInteger, badTop,
                zeroOffsetSize, tablePastEnd, offsetIntoHeader)) {
            assertThatThrownBy(() -> BinaryPlist.parse(bad)).isInstanceOf(BinaryPlist.FormatException.class);
        }
    }

    @Test
    void refusesWhatIsNotABinaryPlist() {
        assertThatThrownBy(() -> BinaryPlist.parse(null)).isInstanceOf(BinaryPlist.FormatException.class);
        assertThatThrownBy(() -> BinaryPlist.parse(new byte[0])).isInstanceOf(BinaryPlist.FormatException.class);
        assertThatThrownBy(() -> BinaryPlist.parse("<?xml version=\"1.0\"?><plist/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BinaryPlist.FormatException.class);
        assertThatThrownBy(() -> BinaryPlist.parse("bplist00".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(BinaryPlist.FormatException.class);
        assertThat(BinaryPlist.looksLikeBinaryPlist(b64(PYTHON_KEYWORDS))).isTrue();
        assertThat(BinaryPlist.looksLikeBinaryPlist("bplist".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    @Test
    void everyTruncationFailsCleanly() {
        for (String fixture : List.of(PYTHON_LOCATION, PYTHON_KEYWORDS, PYTHON_MIXED)) {
            byte[] whole = b64(fixture);
            for (int length = 0; length < whole.length; length++) {
                byte[] cut = Arrays.copyOf(whole, length);
                assertThatThrownBy(() -> BinaryPlist.parse(cut)).as("length %d", length)
                        .isInstanceOf(BinaryPlist.FormatException.class);
            }
        }
    }

    @Test
    void randomCorruptionNeverEscapesAsAnotherException() {
        Random random = new Random(20240304);
        List<byte[]> fixtures = List.of(b64(PYTHON_LOCATION), b64(PYTHON_KEYWORDS), b64(PYTHON_MIXED));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int round = 0; round < 30_000; round++) {
                byte[] bytes = fixtures.get(round % fixtures.size()).clone();
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    int at = 8 + random.nextInt(bytes.length - 8);
                    bytes[at] = (byte) random.nextInt(256);
                }
                try {
                    BinaryPlist.parse(bytes);
                } catch (BinaryPlist.FormatException expected) {
                    // fine: malformed input is reported, nothing else escapes
                }
            }
        });
    }

    // ---- hand assembly: one-byte offsets and references ----

    /** A plist of the given encoded objects, one-byte offsets and references. */
    static byte[] assemble(int top, byte[]... objects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("bplist00".getBytes(StandardCharsets.US_ASCII));
        List<Integer> offsets = new ArrayList<>();
        for (byte[] object : objects) {
            offsets.add(out.size());
            out.writeBytes(object);
        }
        int tableOffset = out.size();
        int offsetSize = out.size() < 256 ? 1 : 2;
        for (int offset : offsets) {
            if (offsetSize == 2) {
                out.write(offset >> 8);
            }
            out.write(offset & 0xFF);
        }
        out.writeBytes(trailer(offsetSize, 1, objects.length, top, tableOffset));
        return out.toByteArray();
    }

    private static byte[] trailer(int offsetSize, int refSize, long count, long top, long tableOffset) {
        ByteBuffer trailer = ByteBuffer.allocate(32);
        trailer.position(6);
        trailer.put((byte) offsetSize).put((byte) refSize).putLong(count).putLong(top).putLong(tableOffset);
        return trailer.array();
    }

    /** Replaces the trailer (and optionally the first offset-table byte). */
    private static byte[] withTrailer(byte[] plist, int offsetSize, int refSize, long count, long top,
            long tableOffset, int... firstOffset) {
        byte[] copy = plist.clone();
        System.arraycopy(trailer(offsetSize, refSize, count, top, tableOffset), 0, copy, copy.length - 32, 32);
        if (firstOffset.length > 0) {
            copy[(int) tableOffset] = (byte) firstOffset[0];
        }
        return copy;
    }
}
