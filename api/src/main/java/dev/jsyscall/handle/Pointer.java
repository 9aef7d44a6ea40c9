// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.far.AddressSpace;
import dev.jsyscall.far.AddressSpaceMismatchException;
import dev.jsyscall.near.Address;
import dev.jsyscall.struct.Codec;
import java.util.Objects;

/**
 * Owned memory in one address space, holding (or about to hold) a value of type {@code T}.
 *
 * <p>A pointer is linear: {@link #write}, {@link #split} and {@link #merge} consume it and return new pointers
 * over the same memory; using a consumed or freed pointer, or one whose allocator was closed, throws
 * {@link PointerStateException}. A syscall {@link #borrow borrows} it for its duration, which checks that the task
 * runs in the pointer's address space ({@link AddressSpaceMismatchException} otherwise) and keeps it from being
 * freed meanwhile.
 *
 * <pre>{@code
 * Pointer<Siginfo> buf = task.allocator().allocate(Siginfo.CODEC);
 * try (Pointer.Borrow b = buf.borrow(task)) {
 *     ... pass b.address().value() to a syscall ...
 * }
 * Siginfo info = buf.read();
 * buf.free();
 * }</pre>
 *
 * @param <T> the type of the value in this memory
 * @since 0.1
 */
public class Pointer<T> {
    private final MemoryAllocator allocator;
    private final long address;
    private final long size;
    private final long reserved;   // bytes owned in the allocator: size plus alignment slack
    private final Codec<T> codec;
    private String gone;     // null while valid; otherwise why it is no longer usable
    private int borrows;

    Pointer(MemoryAllocator allocator, long address, long size, long reserved, Codec<T> codec) {
        this.allocator = allocator;
        this.address = address;
        this.size = size;
        this.reserved = reserved;
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * The address, in {@link #addressSpace()}.
     *
     * @return the start address
     */
    public Address near() {
        return new Address(address);
    }

    /**
     * The size in bytes.
     *
     * @return the size, positive
     */
    public long size() {
        return size;
    }

    /**
     * The address space the memory is in.
     *
     * @return the address space
     */
    public AddressSpace addressSpace() {
        return allocator.addressSpace();
    }

    /**
     * How the bytes are read and written.
     *
     * @return the codec
     */
    public Codec<T> codec() {
        return codec;
    }

    /**
     * Whether this pointer may still be used (not freed, not consumed, its allocator not closed).
     *
     * @return true while it may be used
     */
    public synchronized boolean valid() {
        return gone == null && !allocator.isClosed();
    }

    /**
     * Lends the memory to a syscall made by {@code task}, checking it first.
     *
     * @param task the task making the syscall, not null
     * @return the borrow; close it once the syscall returns
     * @throws PointerStateException if freed or consumed
     * @throws AddressSpaceMismatchException if {@code task} runs in another address space
     */
    public synchronized Borrow borrow(dev.jsyscall.far.FarTask task) {
        checkValid("borrow");
        if (task.addressSpace() != addressSpace()) {
            throw new AddressSpaceMismatchException("pointer " + near() + " (" + size + " bytes) lives in "
                    + addressSpace() + " but was used with " + task + " in " + task.addressSpace());
        }
        borrows++;
        return new Borrow();
    }

    /**
     * Writes {@code value}, consuming this pointer; the memory now belongs to the returned pointer.
     *
     * @param value the value to encode, not null
     * @return the pointer to the written value
     */
    public WrittenPointer<T> write(T value) {
        byte[] bytes = codec.encode(value);
        if (bytes.length > size) {
            throw new IllegalArgumentException("value needs " + bytes.length + " bytes but the pointer at " + near()
                    + " holds " + size);
        }
        synchronized (this) {
            checkValid("write");
            checkNotBorrowed();
            addressSpace().memory().write(address, bytes, 0, bytes.length);
            consume("write()");
        }
        return new WrittenPointer<>(allocator, address, size, reserved, codec, value);
    }

    /**
     * Reads and decodes the whole memory.
     *
     * @return the decoded value
     */
    public T read() {
        byte[] bytes = new byte[Math.toIntExact(size)];
        synchronized (this) {
            checkValid("read");
            addressSpace().memory().read(address, bytes, 0, bytes.length);
        }
        return codec.decode(bytes);
    }

    /**
     * Splits into the first {@code firstSize} bytes and the rest, consuming this pointer.
     *
     * @param firstSize the size of the first part, in bytes
     * @return the two parts
     * @throws IllegalArgumentException unless {@code 0 < firstSize < size()}
     */
    public Split<T> split(long firstSize) {
        if (firstSize <= 0 || firstSize >= size) {
            throw new IllegalArgumentException("split point must be inside the pointer: 0 < " + firstSize + " < "
                    + size);
        }
        synchronized (this) {
            checkValid("split");
            consume("split()");
        }
        return new Split<>(new Pointer<>(allocator, address, firstSize, firstSize, codec),
                new Pointer<>(allocator, address + firstSize, size - firstSize, reserved - firstSize, codec));
    }

    /**
     * Joins this pointer with {@code next}, which must start exactly where this one ends; consumes both.
     *
     * @param next the pointer that follows this one
     * @return one pointer over both
     * @throws IllegalArgumentException if they are not adjacent, come from different allocators, or lie in
     *     different mappings
     */
    public Pointer<T> merge(Pointer<?> next) {
        if (next.allocator != allocator) {
            throw new IllegalArgumentException("cannot merge pointers from different allocators: " + near() + " in "
                    + addressSpace() + " and " + next.near() + " in " + next.addressSpace());
        }
        if (address + size != next.address || size != reserved) {
            throw new IllegalArgumentException("cannot merge: this pointer ends at " + near().add(size)
                    + " but the next begins at " + next.near());
        }
        synchronized (this) {
            synchronized (next) {
                checkValid("merge");
                next.checkValid("merge");
                checkNotBorrowed();
                next.checkNotBorrowed();
                // mmap often places a new mapping right next to an older one; a pointer spanning both would be
                // freed into one arena only, which would then hand out (or keep mapped) memory it does not own
                if (!allocator.inOneMapping(address, next.address + next.reserved)) {
                    throw new IllegalArgumentException("cannot merge: " + near() + " and " + next.near()
                            + " are adjacent but in different mappings");
                }
                consume("merge()");
                next.consume("merge()");
            }
        }
        return new Pointer<>(allocator, address, size + next.size, reserved + next.reserved, codec);
    }

    /**
     * The same memory viewed through another codec, consuming this pointer.
     *
     * @param <U> the type the other codec reads
     * @param other the codec, not null
     * @return the pointer, of the same address and size
     */
    public <U> Pointer<U> as(Codec<U> other) {
        synchronized (this) {
            checkValid("as");
            consume("as()");
        }
        return new Pointer<>(allocator, address, size, reserved, other);
    }

    /**
     * Returns the memory to its allocator.
     *
     * @throws PointerStateException if already freed, consumed, or borrowed by a syscall in progress
     */
    public void free() {
        synchronized (this) {
            checkValid("free");
            if (borrows > 0) {
                throw new PointerStateException("pointer " + near() + " is in use by a syscall and cannot be freed");
            }
            gone = "freed";
        }
        allocator.release(address, reserved);
    }

    private void checkValid(String op) {
        if (gone != null) {
            throw new PointerStateException("cannot " + op + " pointer " + near() + ": it was " + gone);
        }
        // the memory is unmapped: on a native backend, touching it would crash the JVM
        if (allocator.isClosed()) {
            throw new PointerStateException("cannot " + op + " pointer " + near() + ": its allocator was closed");
        }
    }

    /** Checked before any side effect: a syscall may be reading or writing this memory right now. */
    private void checkNotBorrowed() {
        if (borrows > 0) {
            throw new PointerStateException("pointer " + near() + " is in use by a syscall");
        }
    }

    private void consume(String how) {
        checkNotBorrowed();
        gone = "consumed by " + how;
    }

    @Override
    public String toString() {
        String state;
        synchronized (this) {
            state = gone != null ? ", " + gone : allocator.isClosed() ? ", allocator closed" : "";
        }
        return getClass().getSimpleName() + "(" + near() + ", " + size + " bytes" + state + ")";
    }

    /**
     * The two parts of a {@link #split}.
     *
     * @param <T> the type the memory holds
     * @param first the first part
     * @param rest the rest
     */
    public record Split<T>(Pointer<T> first, Pointer<T> rest) {
    }

    /** A pointer lent to a syscall; closing it returns it. */
    public final class Borrow implements AutoCloseable {
        private boolean closed;

        private Borrow() {
        }

        /**
         * The raw address to pass to the syscall.
         *
         * @return the address
         */
        public long address() {
            return address;
        }

        @Override
        public void close() {
            synchronized (Pointer.this) {
                if (!closed) {
                    closed = true;
                    borrows--;
                }
            }
        }
    }
}
