package com.camelicloud.photos.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

import com.camelicloud.photos.testing.MemoryDestination;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the policies and the planner rely on from a destination, held against the folder destination and the
 * in-memory one the unit tests use, so that the second stays as faithful as the first.
 */
class DestinationContractTest {

    private static final byte[] PHOTO = "the photo".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "someone else's file".getBytes(StandardCharsets.UTF_8);

    abstract static class Contract {

        Destination destination;

        abstract void put(String path, byte[] content) throws Exception;

        abstract Optional<byte[]> read(String path) throws Exception;

        @Test
        void aFileIsSeenWithItsSizeHashAndFirstBytes() throws Exception {
            put("2024/03/10/IMG_1.JPG", PHOTO);

            assertThat(destination.sizeOf("2024/03/10/IMG_1.JPG")).contains((long) PHOTO.length);
            assertThat(destination.hasRecordedSize("2024/03/10/IMG_1.JPG", (long) PHOTO.length)).isTrue();
            assertThat(destination.hasRecordedSize("2024/03/10/IMG_1.JPG", 1L)).isFalse();
            assertThat(destination.sha256Of("2024/03/10/IMG_1.JPG")).contains(sha256(PHOTO));
            // a folder is no file
            assertThat(destination.sizeOf("2024/03")).isEmpty();
            assertThat(destination.head("2024/03/10/IMG_1.JPG", 3)).hasValueSatisfying(head -> assertThat(head)
                    .containsExactly('t', 'h', 'e'));
            assertThat(destination.listFiles()).extracting(ListedFile::path, ListedFile::size)
                    .containsExactly(tuple("2024/03/10/IMG_1.JPG", (long) PHOTO.length));
        }

        @Test
        void readStreamsTheWholeFileAndAFileThatIsNotThereIsAnError() throws Exception {
            put("2024/IMG_1.JPG", PHOTO);

            try (InputStream in = destination.read("2024/IMG_1.JPG")) {
                assertThat(in.readAllBytes()).isEqualTo(PHOTO);
            }
            assertThatThrownBy(() -> destination.read("2024/IMG_2.JPG")).isInstanceOf(UncheckedIOException.class);
        }

        @Test
        void nothingIsThereUntilPut() {
            assertThat(destination.sizeOf("IMG_1.JPG")).isEmpty();
            assertThat(destination.hasRecordedSize("IMG_1.JPG", null)).isTrue();
            assertThat(destination.head("IMG_1.JPG", 10)).isEmpty();
            assertThat(destination.listFiles()).isEmpty();
        }

        @Test
        void aMoveCreatesFoldersAndIsANoOpWhenReplayed() throws Exception {
            put("2024/IMG_1.JPG", PHOTO);

            assertThat(destination.move("2024/IMG_1.JPG", ".deleted/2024/IMG_1.JPG")).isTrue();
            assertThat(destination.move("2024/IMG_1.JPG", ".deleted/2024/IMG_1.JPG")).isFalse();

            assertThat(read("2024/IMG_1.JPG")).isEmpty();
            assertThat(read(".deleted/2024/IMG_1.JPG")).hasValue(PHOTO);
        }

        @Test
        void aMoveNeverReplacesAFile() throws Exception {
            put("IMG_1.JPG", PHOTO);
            put("elsewhere/IMG_1.JPG", OTHER);

            assertThatThrownBy(() -> destination.move("IMG_1.JPG", "elsewhere/IMG_1.JPG"))
                    .hasMessageContaining("a different file is already there");
            assertThat(read("IMG_1.JPG")).hasValue(PHOTO);
            assertThat(read("elsewhere/IMG_1.JPG")).hasValue(OTHER);
        }

        @Test
        void aDeleteSaysWhetherAFileWent() throws Exception {
            put("IMG_1.JPG", PHOTO);

            assertThat(destination.delete("IMG_1.JPG")).isTrue();
            assertThat(destination.delete("IMG_1.JPG")).isFalse();
            assertThat(read("IMG_1.JPG")).isEmpty();
        }

        @Test
        void aLinkOrCopyAppearsWithTheSameBytesAndNeverReplacesAFile() throws Exception {
            put("2024/IMG_1.JPG", PHOTO);
            put("Trip/IMG_2.JPG", OTHER);

            assertThat(destination.link("2024/IMG_1.JPG", "Holidays/IMG_1.JPG", true)).isTrue();
            assertThat(destination.link("2024/IMG_1.JPG", "Family/IMG_1.JPG", false)).isTrue();
            assertThat(destination.link("2024/IMG_1.JPG", "Trip/IMG_2.JPG", true)).isFalse();

            assertThat(read("Holidays/IMG_1.JPG")).hasValue(PHOTO);
            assertThat(read("Family/IMG_1.JPG")).hasValue(PHOTO);
            assertThat(read("Trip/IMG_2.JPG")).hasValue(OTHER);
        }

        @Test
        void storeReplacesWhatIsThereAndTakesTheLocalFile(@TempDir Path local) throws Exception {
            put("IMG_1.xmp", OTHER);
            Path sidecar = Files.write(local.resolve("sidecar.xmp"), PHOTO);

            destination.store(sidecar, "IMG_1.xmp");

            assertThat(read("IMG_1.xmp")).hasValue(PHOTO);
            assertThat(sidecar).doesNotExist();
        }

        @Test
        void aPathOutsideTheDestinationIsRefused() {
            assertThatThrownBy(() -> destination.sizeOf("../outside.JPG")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> destination.move("IMG_1.JPG", "a/../../outside.JPG"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> destination.delete("../outside.JPG")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Folder extends Contract {

        @TempDir
        Path root;

        @BeforeEach
        void create() {
            destination = new LocalDestination(root.resolve("photos").toString());
        }

        @Override
        void put(String path, byte[] content) throws Exception {
            Path file = root.resolve("photos").resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        }

        @Override
        Optional<byte[]> read(String path) throws Exception {
            Path file = root.resolve("photos").resolve(path);
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        }
    }

    @Nested
    class Memory extends Contract {

        private MemoryDestination memory;

        @BeforeEach
        void create() {
            memory = new MemoryDestination("contract");
            destination = memory;
        }

        @Override
        void put(String path, byte[] content) {
            memory.put(path, content);
        }

        @Override
        Optional<byte[]> read(String path) {
            return memory.bytes(path);
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
