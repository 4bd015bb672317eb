package io.dtf.worker.artifact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Zips no honest packer writes: built by hand where Java's own zip writer would refuse. */
final class HostileZips {
    private HostileZips() {
    }

    /** A zip with these entries as named (Java's writer takes any name). */
    static byte[] of(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** A zip whose one entry ({@code x}) holds a unix symbolic link to {@code target}, as zip tools write it. */
    static byte[] symlink(String name, String target) throws IOException {
        return stored(name, target.getBytes(StandardCharsets.UTF_8), 0xA1FF, -1);
    }

    /** A stored (uncompressed) entry whose headers declare {@code declaredSize} bytes (-1: the true size). */
    static byte[] declaring(String name, byte[] data, long declaredSize) throws IOException {
        return stored(name, data, 0x81A4, declaredSize);
    }

    private static byte[] stored(String name, byte[] data, int unixMode, long declaredSize) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(data);
        long size = declaredSize < 0 ? data.length : declaredSize;
        ByteBuffer b = ByteBuffer.allocate(200 + 2 * n.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x04034b50).putShort((short) 10).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).putInt((int) crc.getValue()).putInt((int) size).putInt((int) size)
                .putShort((short) n.length).putShort((short) 0).put(n).put(data);
        int central = b.position();
        b.putInt(0x02014b50).putShort((short) (3 << 8 | 30)).putShort((short) 10).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt((int) crc.getValue())
                .putInt((int) size).putInt((int) size).putShort((short) n.length).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(unixMode << 16).putInt(0).put(n);
        int centralSize = b.position() - central;
        b.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 1)
                .putInt(centralSize).putInt(central).putShort((short) 0);
        byte[] out = new byte[b.position()];
        b.flip();
        b.get(out);
        return out;
    }
}
