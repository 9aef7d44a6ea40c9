// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One syscall with its arguments, described once: its number, each argument as a plain word or as memory the
 * kernel reads ({@link #in}) or writes ({@link #out}), how its result is read, and how it prints in a trace or an
 * error. The same request runs at once in the local task or in a driven child ({@code Task.call}), queues in a
 * set-up batch sent with {@code execve} ({@code SetupBatch.add}), or stands as a {@code Spawn} step. Memory
 * arguments are laid out by whoever runs the request, in the address space of the task that makes the call.
 *
 * <pre>{@code
 * SyscallRequest<Void> cd = Unistd.chdir("/tmp");   // chdir(path=/tmp)
 * task.call(cd);
 * }</pre>
 *
 * <p>Requests are immutable values: equal when they make the same syscall with the same arguments.
 *
 * @param <T> what the request's result is read as
 * @since 0.2
 */
public final class SyscallRequest<T> {
    /**
     * How a request's result is read: from the raw (non-error) return value and the bytes of its out-arguments.
     *
     * @param <T> the type of the result
     */
    @FunctionalInterface
    public interface Result<T> {
        /**
         * Reads the result.
         *
         * @param raw the raw return value, not an error
         * @param out the bytes the kernel wrote into each {@link Out} argument, in argument order
         * @return the result
         */
        T read(long raw, List<byte[]> out);
    }

    /** One argument: a word, or memory that the runner lays out and passes the address of. */
    public abstract static class Arg {
        private Arg() {
        }
    }

    /** A plain 64-bit argument. */
    public static final class Word extends Arg {
        private final long value;

        Word(long value) {
            this.value = value;
        }

        /**
         * The word, as passed in the argument register.
         *
         * @return the value
         */
        public long value() {
            return value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Word && ((Word) o).value == value;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(value);
        }
    }

    /**
     * Memory the kernel reads: these bytes, at an address chosen by the runner. Some structs hold a pointer to
     * more memory (seccomp's {@code sock_fprog}); such a pointer is written as an offset into these same bytes,
     * at a position listed in {@link #pointers()}, and the runner adds the address it lays the bytes out at.
     */
    public static final class In extends Arg {
        private final byte[] bytes;
        private final int[] pointers;

        In(byte[] bytes, int[] pointers) {
            this.bytes = bytes.clone();
            this.pointers = pointers.clone();
            for (int p : this.pointers) {
                if (p < 0 || p % 8 != 0 || p + 8 > bytes.length) {
                    throw new IllegalArgumentException("a pointer must be an aligned 8-byte word inside the "
                            + bytes.length + " bytes, was at " + p);
                }
            }
        }

        /**
         * A copy of the bytes, with each pointer still an offset into them.
         *
         * @return the bytes the kernel reads
         */
        public byte[] bytes() {
            return bytes.clone();
        }

        /**
         * The positions of the 8-byte little-endian words that hold an offset into these bytes.
         *
         * @return the positions, in bytes from the start
         */
        public int[] pointers() {
            return pointers.clone();
        }

        /**
         * The bytes as they must be when laid out at {@code address}: each pointer made absolute.
         *
         * @param address where the runner lays the bytes out
         * @return a copy of the bytes with each pointer relocated
         */
        public byte[] bytesAt(long address) {
            byte[] b = bytes.clone();
            relocate(b, 0, pointers, address);
            return b;
        }

        /**
         * The number of bytes the kernel reads.
         *
         * @return the length of {@link #bytes()}
         */
        public int size() {
            return bytes.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof In && Arrays.equals(((In) o).bytes, bytes) && Arrays.equals(((In) o).pointers,
                    pointers);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(bytes) + Arrays.hashCode(pointers);
        }
    }

    /**
     * Makes the pointers of an {@link In} absolute after its bytes were copied to {@code b} at {@code at}: adds
     * {@code base}, the address the In's first byte will have, to each little-endian word at {@code at + p}.
     *
     * @param b the buffer the bytes were copied into
     * @param at where in {@code b} the In's bytes start
     * @param pointers the In's {@link In#pointers()}
     * @param base the address the In's first byte will have in the task
     */
    public static void relocate(byte[] b, int at, int[] pointers, long base) {
        for (int p : pointers) {
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                v = (v << 8) | (b[at + p + i] & 0xff);
            }
            v += base;
            for (int i = 0; i < 8; i++) {
                b[at + p + i] = (byte) (v >>> (8 * i));
            }
        }
    }

    /** Memory the kernel writes: {@code size} bytes, handed to the result reader after the call. */
    public static final class Out extends Arg {
        private final int size;

        Out(int size) {
            this.size = size;
        }

        /**
         * The number of bytes the kernel may write.
         *
         * @return the size, not negative
         */
        public int size() {
            return size;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Out && ((Out) o).size == size;
        }

        @Override
        public int hashCode() {
            return size;
        }
    }

    private final Syscall syscall;
    private final List<Arg> args;
    private final Result<T> result;
    private final List<Object> describe;
    /**
     * The six argument words, or null when an argument is memory: computed once, so that making a word-only
     * request (most calls, and every loop's) reads an array instead of walking the argument list.
     */
    private final long[] words;
    /**
     * Where each memory argument lies in one 8-byte-aligned allocation (-1 for a word), and that allocation's size:
     * worked out once here, so that a runner lays memory out from ints, without testing argument classes in loops
     * whose type profile changes with every request shape (C2 speculates on it and recompiles when it changes).
     */
    private final int[] memoryOffsets;
    private final int memorySize;

    private SyscallRequest(Syscall syscall, List<Arg> args, Result<T> result, List<Object> describe) {
        this.syscall = syscall;
        this.args = args;
        this.result = result;
        this.describe = describe;
        long[] w = new long[6];
        for (int i = 0; i < args.size() && w != null; i++) {
            w = args.get(i) instanceof Word ? w : null;
            if (w != null) {
                w[i] = ((Word) args.get(i)).value();
            }
        }
        this.words = w;
        int[] offsets = new int[args.size()];
        int size = 0;
        for (int i = 0; i < args.size(); i++) {
            Arg a = args.get(i);
            int n = a instanceof In ? ((In) a).size() : a instanceof Out ? ((Out) a).size() : -1;
            offsets[i] = n < 0 ? -1 : (size + 7) & ~7;
            size = n < 0 ? size : offsets[i] + n;
        }
        this.memoryOffsets = offsets;
        this.memorySize = size;
    }

    /**
     * A word argument.
     *
     * @param value the value, passed as a 64-bit register
     * @return the argument
     */
    public static Arg word(long value) {
        return new Word(value);
    }

    /**
     * Memory the kernel reads, holding {@code bytes}.
     *
     * @param bytes the bytes, copied; not null
     * @return the argument
     */
    public static Arg in(byte[] bytes) {
        return new In(Objects.requireNonNull(bytes, "bytes"), new int[0]);
    }

    /**
     * Memory the kernel reads, holding {@code bytes}, where the 8-byte words at {@code pointers} hold offsets into
     * {@code bytes} that become addresses when the bytes are laid out (a struct that points into itself).
     *
     * <pre>{@code
     * // struct sock_fprog { len; filter = offset 16 } followed by the filter
     * SyscallRequest.in(fprog, 8);
     * }</pre>
     *
     * @param bytes the bytes, copied; not null
     * @param pointers positions of 8-byte words in {@code bytes} that hold an offset into them
     * @return the argument
     * @since 0.2
     */
    public static Arg in(byte[] bytes, int... pointers) {
        return new In(Objects.requireNonNull(bytes, "bytes"), Objects.requireNonNull(pointers, "pointers"));
    }

    /**
     * Memory the kernel writes, {@code size} bytes.
     *
     * @param size the number of bytes, not negative
     * @return the argument
     */
    public static Arg out(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("an out-argument needs at least one byte, was " + size);
        }
        return new Out(size);
    }

    /**
     * {@code name=value} in decimal, for a request's description, as text only when a trace or an error prints it:
     * a request is built for every syscall, and a string per argument would be made for each of them.
     *
     * <pre>{@code
     * SyscallRequest.of(Syscall.CLOSE, List.of(word(fd)), (r, o) -> null, SyscallRequest.named("fd", fd));
     * }</pre>
     *
     * @param name the argument's name, not null
     * @param value its value
     * @return the description item, equal to another of the same name and value
     * @since 0.2
     */
    public static Object named(String name, long value) {
        return new Named(Objects.requireNonNull(name, "name"), value, false);
    }

    /**
     * {@code name=0x...}, as {@link #named} but in hexadecimal (flags, masks, options).
     *
     * @param name the argument's name, not null
     * @param value its value
     * @return the description item
     * @since 0.2
     */
    public static Object namedHex(String name, long value) {
        return new Named(Objects.requireNonNull(name, "name"), value, true);
    }

    /** One described argument, rendered by toString. */
    private record Named(String name, long value, boolean hex) {
        @Override
        public String toString() {
            return name + (hex ? "=0x" + Long.toHexString(value) : "=" + value);
        }
    }

    /**
     * A request for {@code syscall} with up to six arguments, whose result is read by {@code result}, shown in
     * traces and errors with {@code describe} (the arguments that matter, as {@code "name=value"} strings or
     * values with a readable {@code toString}).
     *
     * @param <T> the type of the result
     * @param syscall the syscall, not null
     * @param args the arguments, at most six, not null
     * @param result how the result is read, not null
     * @param describe what traces and errors print
     * @return the request
     */
    public static <T> SyscallRequest<T> of(Syscall syscall, List<Arg> args, Result<T> result, Object... describe) {
        Objects.requireNonNull(syscall, "syscall");
        Objects.requireNonNull(result, "result");
        if (args.size() > 6) {
            throw new IllegalArgumentException(syscall.cName() + " takes at most six arguments, got " + args.size());
        }
        // Every syscall the api makes comes through here: the messages are built only when one is thrown.
        for (Arg a : args) {
            if (a == null) {
                throw new NullPointerException("argument of " + syscall.cName());
            }
        }
        for (Object o : describe) {
            if (o == null) {
                throw new NullPointerException("description of " + syscall.cName());
            }
        }
        return new SyscallRequest<>(syscall, List.copyOf(args), result, List.of(describe));
    }

    /**
     * A request whose result is only checked for an error; word arguments only.
     *
     * @param syscall the syscall, not null
     * @param args the word arguments, at most six
     * @param describe what traces and errors print
     * @return the request
     */
    public static SyscallRequest<Void> words(Syscall syscall, long[] args, Object... describe) {
        List<Arg> a = new ArrayList<>();
        for (long v : args) {
            a.add(word(v));
        }
        return of(syscall, a, (raw, out) -> null, describe);
    }

    /**
     * The result reader that returns the raw value (an fd, a pid, a count...).
     *
     * @return the reader
     */
    public static Result<Long> rawResult() {
        return (raw, out) -> raw;
    }

    /**
     * The syscall this request makes.
     *
     * @return the syscall
     */
    public Syscall syscall() {
        return syscall;
    }

    /**
     * The arguments, in order (missing ones are 0).
     *
     * @return the arguments, unmodifiable
     */
    public List<Arg> args() {
        return args;
    }

    /**
     * What the request prints in errors: the arguments that matter.
     *
     * @return a copy of the description's parts
     */
    public Object[] describe() {
        return describe.toArray();
    }

    /**
     * Reads the result of a call that did not fail.
     *
     * @param raw the raw return value, not an error
     * @param out the bytes the kernel wrote into each {@link Out} argument, in argument order
     * @return the result
     */
    public T read(long raw, List<byte[]> out) {
        return result.read(raw, out);
    }

    /**
     * Checks a raw result: the value when it is not an error, else the errno as an exception naming this call.
     *
     * @param raw the raw return value, in the kernel's convention (-4095 to -1: a negated errno)
     * @return {@code raw} when it is not an error
     */
    public long check(long raw) {
        // the description is copied only for an error: loops check a request built once on every turn
        return ErrnoException.isError(raw) ? ErrnoException.check(raw, syscall, describe.toArray()) : raw;
    }

    /**
     * Whether the kernel reads or writes memory of the caller for this request.
     *
     * @return true if an argument is {@link In} or {@link Out}
     */
    public boolean usesMemory() {
        return words == null;
    }

    /**
     * How many bytes one allocation needs to hold all the memory arguments, each at {@link #memoryOffset}.
     *
     * <pre>{@code
     * Pointer<byte[]> mem = allocator.allocateBytes(request.memorySize());
     * }</pre>
     *
     * @return the size in bytes, 0 when the request {@link #usesMemory() uses no memory}
     * @since 0.2
     */
    public int memorySize() {
        return memorySize;
    }

    /**
     * Where memory argument {@code index} lies in the allocation of {@link #memorySize()} bytes: 8-byte aligned,
     * in argument order.
     *
     * <pre>{@code
     * long address = base + request.memoryOffset(1);   // the second argument's memory
     * }</pre>
     *
     * @param index the argument's position, 0 to {@code args().size() - 1}
     * @return the offset in bytes, or -1 when that argument is a word
     * @throws IndexOutOfBoundsException if there is no argument {@code index}
     * @since 0.2
     */
    public int memoryOffset(int index) {
        return memoryOffsets[Objects.checkIndex(index, memoryOffsets.length)];
    }

    /**
     * The word passed in argument register {@code index} of a request without memory arguments.
     *
     * <pre>{@code
     * long fd = Unistd.close(7).wordArg(0);   // 7
     * }</pre>
     *
     * @param index 0 to 5; past the last argument the word is 0
     * @return the word
     * @throws IllegalStateException if the request {@link #usesMemory() uses memory}, whose addresses only the
     *     runner knows
     * @throws IndexOutOfBoundsException if {@code index} is not 0 to 5
     * @since 0.2
     */
    public long wordArg(int index) {
        if (words == null) {
            throw new IllegalStateException(this + " has memory arguments, which only a task with an allocator"
                    + " can lay out");
        }
        return words[Objects.checkIndex(index, 6)];
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SyscallRequest)) {
            return false;
        }
        SyscallRequest<?> r = (SyscallRequest<?>) o;
        return syscall == r.syscall && args.equals(r.args) && describe.equals(r.describe);
    }

    @Override
    public int hashCode() {
        return Objects.hash(syscall, args, describe);
    }

    /** {@code chdir(path=/tmp)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(syscall.cName()).append('(');
        for (int i = 0; i < describe.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(describe.get(i));
        }
        return sb.append(')').toString();
    }
}
