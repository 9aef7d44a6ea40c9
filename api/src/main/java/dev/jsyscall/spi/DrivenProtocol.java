// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi;

import java.util.function.LongPredicate;

/**
 * The driven-child protocol: what a driver writes to a cloned child's syscall server and what the server answers,
 * and the start data a child finds on its stack. It is the contract between the api's driver and every backend's
 * server (the machine-code blob for the native backends, a simulated server in the fake), so it is written here
 * once and both sides encode and decode through it.
 *
 * <p><b>Start data.</b> The stack address given to {@code clone} points at {@link #START_DATA_SIZE} bytes, six
 * little-endian 64-bit words: {@code {server entry, request fd, response fd, fd to close, fd to close, start flags}}.
 * The child closes the two fds (each -1 for none) before it serves: that is how it drops its copies of the
 * driver's ends of the channel, so that the driver's death is EOF for it. Then it resets every caught signal to
 * {@code SIG_DFL}, unless the start flags hold {@link #START_HANDLERS_RESET} (the kernel did it already).
 * With {@code clone3} the same address is {@code stack + stack_size}.
 *
 * <p><b>Requests.</b> The server reads {@link #REQUEST_SIZE}-byte requests from the request fd: a number word
 * (the syscall number in its low 32 bits, flags above) and six arguments, each a little-endian 64-bit word. It
 * performs each and writes the {@link #RESULT_SIZE}-byte raw result ({@code -errno} on failure). A request with
 * {@link #CHAINED} set is skipped, with the result {@code -ECANCELED}, when the request before it failed or was
 * skipped, so a sequence written at once stops at its first failure; one with {@link #DEFER} set has its result
 * held back and written with the next one's (at most {@link #RESULTS_HELD} are held), so a driver reading a
 * sequence's results is woken once. The server exits 0 on EOF at a request boundary, with the count of bytes
 * received (1..55) on EOF inside a request, and 1 on a read or write error.
 *
 * <pre>{@code
 * byte[] requests = new byte[2 * DrivenProtocol.REQUEST_SIZE];
 * DrivenProtocol.encodeChain(requests, new long[] {dup3Nr, 5, 0, 0, 0, 0, 0, execveNr, path, argv, envp, 0, 0, 0},
 *         0, 2, nr -> nr == execveNr);
 * // write requests to the request fd; read 8 bytes per result until EOF (execve's success leaves none)
 * }</pre>
 *
 * @since 0.1
 */
public final class DrivenProtocol {
    /** Bytes of one request: the number word and six arguments. */
    public static final int REQUEST_SIZE = 56;
    /** 64-bit words of one request. */
    public static final int REQUEST_WORDS = REQUEST_SIZE / Long.BYTES;
    /** Bytes of one result: the raw syscall return value. */
    public static final int RESULT_SIZE = 8;
    /** OR-ed into a request's number word: skip it if the request before it failed or was skipped. */
    public static final long CHAINED = 1L << 32;
    /**
     * OR-ed into a request's number word: hold its result back and write it with the next request's, so that a
     * driver reading a sequence's results is woken once, not once per request.
     */
    public static final long DEFER = 1L << 33;
    /** How many results the server holds back at most; it writes them when one more would not fit. */
    public static final int RESULTS_HELD = 32;
    /** Bytes of start data at the stack address given to clone; a multiple of 16, so the stack stays aligned. */
    public static final int START_DATA_SIZE = 48;
    /** Index of the server entry address among the start data words. */
    public static final int START_ENTRY = 0;
    /** Index of the child's request fd (it reads requests from it). */
    public static final int START_REQUEST_FD = 1;
    /** Index of the child's response fd (it writes results to it). */
    public static final int START_RESPONSE_FD = 2;
    /** Index of the first fd the child closes before it serves (-1: none). */
    public static final int START_CLOSE_FIRST = 3;
    /** Index of the second fd the child closes before it serves (-1: none). */
    public static final int START_CLOSE_SECOND = 4;
    /**
     * Index of the start flags word.
     *
     * @since 0.2
     */
    public static final int START_FLAGS = 5;
    /**
     * Start flag: the child's caught signal handlers are already {@code SIG_DFL} ({@code clone3} with
     * {@code CLONE_CLEAR_SIGHAND}), so the server does not reset them itself.
     *
     * @since 0.2
     */
    public static final long START_HANDLERS_RESET = 1;

    private static final long NUMBER_MASK = 0xffff_ffffL;

    private DrivenProtocol() {}

    /**
     * Writes one request at {@code dst[offset..offset+REQUEST_SIZE)}.
     *
     * @param numberWord the syscall number, OR-ed with {@link #CHAINED} and {@link #DEFER} as wanted
     * @param dst the buffer
     * @param offset where the request starts
     * @param a0 the first argument
     * @param a1 the second argument
     * @param a2 the third argument
     * @param a3 the fourth argument
     * @param a4 the fifth argument
     * @param a5 the sixth argument
     */
    public static void encodeRequest(byte[] dst, int offset, long numberWord, long a0, long a1, long a2, long a3,
                                     long a4, long a5) {
        putLong(dst, offset, numberWord);
        putLong(dst, offset + 8, a0);
        putLong(dst, offset + 16, a1);
        putLong(dst, offset + 24, a2);
        putLong(dst, offset + 32, a3);
        putLong(dst, offset + 40, a4);
        putLong(dst, offset + 48, a5);
    }

    /**
     * Writes {@code count} requests of a chain to {@code dst} from offset 0, as one write of the driver: request
     * {@code from + i} of {@code requests} ({@link #REQUEST_WORDS} words each: number, six arguments). Every request
     * but the chain's very first is {@link #CHAINED}, so the server stops at the first failure. Every one but the
     * last of this write is {@link #DEFER}red, so the server answers the write with one write, except the one before
     * a request that ends the service when it succeeds (execve, exit_group): its results must arrive before EOF.
     *
     * @param endsService whether a syscall number ends the server's service when it succeeds
     * @param dst the buffer, at least {@code count} requests long
     * @param requests the requests, seven words each
     * @param from the first request to write
     * @param count how many to write
     * @throws IllegalArgumentException if {@code requests} is not whole requests, the range is outside it, or
     *     {@code dst} is too small
     */
    public static void encodeChain(byte[] dst, long[] requests, int from, int count, LongPredicate endsService) {
        if (requests.length % REQUEST_WORDS != 0) {
            throw new IllegalArgumentException("a chain is " + REQUEST_WORDS + " words per request, got "
                    + requests.length + " words");
        }
        int n = requests.length / REQUEST_WORDS;
        if (from < 0 || count < 0 || from + count > n || dst.length < count * REQUEST_SIZE) {
            throw new IllegalArgumentException("requests " + from + ".." + (from + count) + " of " + n
                    + " do not fit a buffer of " + dst.length + " bytes");
        }
        for (int i = 0; i < count; i++) {
            int w = REQUEST_WORDS * (from + i);
            long word = requests[w] | (from + i == 0 ? 0 : CHAINED);
            if (i < count - 1 && !endsService.test(requests[w + REQUEST_WORDS])) {
                word |= DEFER;
            }
            encodeRequest(dst, REQUEST_SIZE * i, word, requests[w + 1], requests[w + 2], requests[w + 3],
                    requests[w + 4], requests[w + 5], requests[w + 6]);
        }
    }

    /**
     * Word {@code index} of the request at {@code src[offset..]}: 0 is the number word, 1..6 the arguments.
     *
     * @param src the buffer
     * @param offset where the request starts
     * @param index the word, 0 to 6
     * @return the word
     * @throws IllegalArgumentException unless {@code 0 <= index < REQUEST_WORDS}
     */
    public static long requestWord(byte[] src, int offset, int index) {
        if (index < 0 || index >= REQUEST_WORDS) {
            throw new IllegalArgumentException("a request has words 0.." + (REQUEST_WORDS - 1) + ", not " + index);
        }
        return getLong(src, offset + Long.BYTES * index);
    }

    /**
     * The syscall number in a request's number word, without its flags.
     *
     * @param numberWord the request's first word
     * @return the syscall number
     */
    public static int syscallNumber(long numberWord) {
        return (int) (numberWord & NUMBER_MASK);
    }

    /**
     * Whether a request's number word has {@link #CHAINED} set.
     *
     * @param numberWord the request's first word
     * @return true if set
     */
    public static boolean isChained(long numberWord) {
        return (numberWord & CHAINED) != 0;
    }

    /**
     * Whether a request's number word has {@link #DEFER} set.
     *
     * @param numberWord the request's first word
     * @return true if set
     */
    public static boolean isDeferred(long numberWord) {
        return (numberWord & DEFER) != 0;
    }

    /**
     * Writes a result at {@code dst[offset..offset+RESULT_SIZE)}.
     *
     * @param dst the buffer
     * @param offset where the result goes
     * @param result the raw result
     */
    public static void encodeResult(byte[] dst, int offset, long result) {
        putLong(dst, offset, result);
    }

    /**
     * Result {@code index} of those read into {@code src} from offset 0.
     *
     * @param src the buffer
     * @param index the result's index
     * @return the raw result
     */
    public static long result(byte[] src, int index) {
        return getLong(src, RESULT_SIZE * index);
    }

    /**
     * {@link #startData(long, int, int, int, int)} with nothing for the child to close.
     *
     * @param serverEntryAddress the server's entry point
     * @param requestFd the fd the child reads requests from
     * @param responseFd the fd the child writes results to
     * @return the six words
     */
    public static long[] startData(long serverEntryAddress, int requestFd, int responseFd) {
        return startData(serverEntryAddress, requestFd, responseFd, -1, -1);
    }

    /**
     * The start data, as the six 64-bit words to write (little-endian, {@link #START_DATA_SIZE} bytes) at the 16-byte
     * aligned stack address given to clone. The fds are
     * numbers in the child's fd table, which at clone time is a copy of (or, with {@code CLONE_FILES}, the same
     * as) the parent's; the child closes {@code closeFirst} and {@code closeSecond} (each -1 for none) before it
     * serves. With {@code CLONE_FILES} they must be -1: the table is the driver's own.
     *
     * @param serverEntryAddress the server's entry point
     * @param requestFd the fd the child reads requests from
     * @param responseFd the fd the child writes results to
     * @param closeFirst an fd the child closes first, or -1
     * @param closeSecond another fd the child closes first, or -1
     * @return the six words
     * @throws IllegalArgumentException naming the argument if the address is 0, the request or response fd is
     *     negative, or a close fd is below -1 or is the request or response fd
     */
    public static long[] startData(long serverEntryAddress, int requestFd, int responseFd, int closeFirst,
                                   int closeSecond) {
        if (serverEntryAddress == 0) {
            throw new IllegalArgumentException("serverEntryAddress must be the server's entry address, was 0");
        }
        if (requestFd < 0) {
            throw new IllegalArgumentException("requestFd must be a file descriptor (>= 0), was " + requestFd);
        }
        if (responseFd < 0) {
            throw new IllegalArgumentException("responseFd must be a file descriptor (>= 0), was " + responseFd);
        }
        for (int c : new int[] {closeFirst, closeSecond}) {
            if (c < -1 || (c >= 0 && (c == requestFd || c == responseFd))) {
                throw new IllegalArgumentException("an fd for the child to close must be -1 (none) or an fd other"
                        + " than its channel's " + requestFd + " and " + responseFd + ", was " + c);
            }
        }
        long[] words = new long[START_DATA_SIZE / Long.BYTES];
        words[START_ENTRY] = serverEntryAddress;
        words[START_REQUEST_FD] = requestFd;
        words[START_RESPONSE_FD] = responseFd;
        words[START_CLOSE_FIRST] = closeFirst;
        words[START_CLOSE_SECOND] = closeSecond;
        return words;
    }

    /**
     * Word {@code index} ({@link #START_ENTRY}, {@link #START_REQUEST_FD}, ...) of start data read from a child's
     * stack. Nothing is checked: a server takes what it finds, as the blob does.
     *
     * @param startData the bytes read
     * @param index the word's index
     * @return the word
     * @throws IllegalArgumentException unless {@code 0 <= index < START_DATA_SIZE / 8}
     */
    public static long startWord(byte[] startData, int index) {
        if (index < 0 || index >= START_DATA_SIZE / Long.BYTES) {
            throw new IllegalArgumentException("start data has words 0.." + (START_DATA_SIZE / Long.BYTES - 1)
                    + ", not " + index);
        }
        return getLong(startData, Long.BYTES * index);
    }

    // little-endian by hand: the api's struct helpers are not part of the SPI a backend may use
    private static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < Long.BYTES; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xffL);
        }
        return v;
    }
}
