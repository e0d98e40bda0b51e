package com.camelicloud.photos.metadata;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.camelicloud.photos.metadata.JpegMetadataWriter.Problem;
import com.camelicloud.photos.metadata.JpegSegments.Segment;
import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.formats.jpeg.JpegImageParser;
import org.apache.commons.imaging.formats.jpeg.JpegImagingParameters;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;

/**
 * Plans the XMP packet of a JPEG rewrite (the file's own packet merged with iCloud's metadata) and splices it into
 * the file as one APP1 segment.
 */
final class XmpEmbedding {

    private XmpEmbedding() {
    }

    /** The packet to embed, and the rating and title it must read back with. */
    record XmpPlan(byte[] packet, int rating, String title) {
    }

    static XmpPlan plan(Path file, JpegSegments original, PhotoMetadata metadata, List<Problem> problems) {
        long packets = original.count(Segment::isXmp);
        if (packets > 1) {
            problems.add(new Problem("xmp-several", "it holds more than one XMP packet"));
            return null;
        }
        Segment mpf = original.mpf();
        Segment existing = original.xmp();
        if (mpf != null && existing != null && existing.offset() > mpf.offset()) {
            problems.add(new Problem("xmp-after-mpf", "its XMP sits after its multi-picture index, which rewriting "
                    + "it would break"));
            return null;
        }
        try {
            XMPMeta meta;
            if (packets == 1) {
                String xml = new JpegImageParser().getXmpXml(ByteSource.path(file), new JpegImagingParameters());
                meta = XmpPackets.parse(Objects.requireNonNull(xml, "XMP segment without a packet"));
            } else {
                meta = XMPMetaFactory.create();
            }
            if (!XmpPackets.merge(meta, metadata)) {
                return null;
            }
            byte[] packet = XmpPackets.serializeForEmbedding(meta);
            if (packet.length > XmpPackets.MAX_JPEG_PACKET_BYTES) {
                problems.add(new Problem("xmp-too-large", "its XMP packet would not fit one JPEG segment"));
                return null;
            }
            return new XmpPlan(packet, metadata.rating(), metadata.title());
        } catch (XMPException | IOException | RuntimeException e) {
            problems.add(new Problem("xmp-unreadable", "its XMP packet cannot be read (" + e.getMessage() + ")"));
            return null;
        }
    }

    /**
     * Embeds the packet. Without a multi-picture index, Commons Imaging's rewriter does it (it puts the packet after
     * the last APPn segment). With one, that would move the secondary images away from the offsets the index gives,
     * so the packet replaces the existing one in place or goes right after the leading APP0/APP1 segments, in front
     * of the index: the index and everything after it then move together.
     */
    static void embed(Path input, Path output, byte[] packet) throws IOException, ImagingException {
        JpegSegments segments = JpegSegments.read(input);
        Segment mpf = segments.mpf();
        if (mpf == null) {
            try (OutputStream out = AtomicFiles.output(output)) {
                new JpegXmpRewriter().updateXmpXml(input.toFile(), out, XmpPackets.text(packet));
            }
            return;
        }
        Segment existing = segments.xmp();
        long cutFrom;
        long cutTo;
        if (existing != null) {
            if (existing.offset() > mpf.offset()) {
                throw new IOException("XMP after the multi-picture index");
            }
            cutFrom = existing.offset();
            cutTo = existing.end();
        } else {
            cutFrom = 2;
            for (Segment segment : segments.segments()) {
                if (segment.offset() > mpf.offset()) {
                    break;
                }
                if (segment.marker() == 0xE0 || segment.marker() == JpegSegments.APP1) {
                    cutFrom = segment.end();
                }
            }
            cutTo = cutFrom;
        }
        byte[] segment = xmpSegment(packet);
        try (FileChannel in = FileChannel.open(input, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(output, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            copy(in, 0, cutFrom, out);
            ByteBuffer buffer = ByteBuffer.wrap(segment);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            copy(in, cutTo, in.size() - cutTo, out);
        }
    }

    /** An APP1 segment holding a standard XMP packet. */
    static byte[] xmpSegment(byte[] packet) {
        int length = 2 + JpegSegments.XMP_ID.length + packet.length;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("XMP packet too large for one segment");
        }
        ByteBuffer segment = ByteBuffer.allocate(2 + length).order(ByteOrder.BIG_ENDIAN);
        segment.put((byte) 0xFF).put((byte) JpegSegments.APP1).putShort((short) length).put(JpegSegments.XMP_ID)
                .put(packet);
        return segment.array();
    }

    private static void copy(FileChannel in, long position, long count, FileChannel out) throws IOException {
        long done = 0;
        while (done < count) {
            long n = in.transferTo(position + done, count - done, out);
            if (n <= 0) {
                throw new IOException("short copy at offset " + (position + done));
            }
            done += n;
        }
    }
}
