// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.dirent;

import static dev.jsyscall.linux.SyscallRequest.out;
import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The syscall of {@code <dirent.h>} that jsyscall makes, defined once as a {@link SyscallRequest}, and the names
 * in its {@code struct linux_dirent64} records.
 *
 * <pre>{@code
 * byte[] records = task.call(Dirent.getdents64(dirfd, 32 * 1024));
 * List<String> names = Dirent.names(records);   // empty array: the end of the directory
 * }</pre>
 *
 * @since 0.2
 */
public final class Dirent {
    // struct linux_dirent64 { u64 ino; s64 off; u16 reclen; u8 type; char name[]; }
    private static final int RECLEN_OFFSET = 16;
    private static final int NAME_OFFSET = 19;

    private Dirent() {
    }

    /**
     * {@code getdents64(fd, buf, count)}: the next records of directory {@code fd}, as many bytes as the kernel
     * filled (none at the end of the directory).
     *
     * @param fd the directory's fd
     * @param count the buffer size in bytes
     * @return the request; its result is the filled bytes
     */
    public static SyscallRequest<byte[]> getdents64(int fd, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("getdents64 needs count > 0, got " + count);
        }
        return SyscallRequest.of(Syscall.GETDENTS64, List.of(word(fd), out(count), word(count)),
                (r, o) -> Arrays.copyOf(o.get(0), (int) r), "fd=" + fd, "count=" + count);
    }

    /**
     * The names in {@code records}, as {@link #getdents64} returned them, in order.
     *
     * @param records the bytes {@code getdents64} filled
     * @return the names, {@code .} and {@code ..} included
     */
    public static List<String> names(byte[] records) {
        ByteBuffer d = ByteBuffer.wrap(records).order(ByteOrder.LITTLE_ENDIAN);
        List<String> names = new ArrayList<>();
        for (int off = 0; off < records.length;) {
            int reclen = Short.toUnsignedInt(d.getShort(off + RECLEN_OFFSET));
            int nameStart = off + NAME_OFFSET;
            int end = nameStart;
            while (end < off + reclen && records[end] != 0) {
                end++;
            }
            names.add(new String(records, nameStart, end - nameStart, StandardCharsets.UTF_8));
            off += reclen;
        }
        return names;
    }
}
