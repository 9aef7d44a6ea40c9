// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.struct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.linux.resource.Rlimit;
import dev.jsyscall.linux.sched.FutexNode;
import dev.jsyscall.linux.sched.Stack;
import dev.jsyscall.linux.signal.SigSet;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.time.Timespec;
import dev.jsyscall.linux.wait.Rusage;
import dev.jsyscall.linux.wait.Siginfo;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Layouts are LP64 little-endian, the same on x86_64 and aarch64; offsets are those of the kernel's UAPI structs. */
class StructCodecsTest {

    private static ByteBuffer le(byte[] b) {
        return Bytes.le(b);
    }

    private static <T> void roundTrips(FixedCodec<T> codec, T value) {
        byte[] bytes = codec.encode(value);
        assertThat(bytes).hasSize(codec.size());
        assertThat(codec.size(value)).isEqualTo(codec.size());
        assertThat(codec.decode(bytes)).isEqualTo(value);
    }

    private static <T> void refusesShort(FixedCodec<T> codec, String what) {
        int size = codec.size();
        assertThatThrownBy(() -> codec.decode(new byte[size - 1])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(what + " needs " + size + " bytes, got " + (size - 1));
        assertThatThrownBy(() -> codec.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(what + " needs " + size + " bytes, got 0");
    }

    @Nested
    class SiginfoCodec {
        private final Siginfo info = new Siginfo(17, 5, 1, 4242, 1000, 3, 0x1122334455L, -7L);

        @Test
        @DisplayName("siginfo_t is 128 bytes with signo, errno, code, then pid at 16, uid at 20, status at 24")
        void layout() {
            byte[] b = Siginfo.CODEC.encode(info);
            assertThat(b).hasSize(128);
            ByteBuffer bb = le(b);
            assertThat(bb.getInt(0)).isEqualTo(17);
            assertThat(bb.getInt(4)).isEqualTo(5);
            assertThat(bb.getInt(8)).isEqualTo(1);
            assertThat(bb.getInt(12)).as("padding before the union").isZero();
            assertThat(bb.getInt(16)).isEqualTo(4242);
            assertThat(bb.getInt(20)).isEqualTo(1000);
            assertThat(bb.getInt(24)).isEqualTo(3);
            assertThat(bb.getInt(28)).as("padding before the clock_t fields").isZero();
            assertThat(bb.getLong(32)).isEqualTo(0x1122334455L);
            assertThat(bb.getLong(40)).isEqualTo(-7L);
            for (int i = 48; i < 128; i++) {
                assertThat(b[i]).as("byte %d", i).isZero();
            }
            assertThat(b[16]).isEqualTo((byte) 0x92);   // 4242 = 0x1092, little-endian
            assertThat(b[17]).isEqualTo((byte) 0x10);
        }

        @Test
        @DisplayName("siginfo_t round-trips, ignores bytes past the SIGCHLD fields, and refuses short input")
        void roundTrip() {
            roundTrips(Siginfo.CODEC, info);
            roundTrips(Siginfo.CODEC, Siginfo.ZERO);
            byte[] b = Siginfo.CODEC.encode(info);
            b[100] = 1;
            assertThat(Siginfo.CODEC.decode(b)).isEqualTo(info);
            assertThat(Siginfo.CODEC.decode(new byte[128])).isEqualTo(Siginfo.ZERO);
            assertThat(Siginfo.SIZE).isEqualTo(128);
            refusesShort(Siginfo.CODEC, "siginfo_t");
        }
    }

    @Nested
    class RusageCodec {
        private final Rusage usage = new Rusage(1_500_000, 2_000_001, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                16);

        @Test
        @DisplayName("struct rusage is two timevals (seconds, microseconds) then fourteen longs from offset 32")
        void layout() {
            byte[] b = Rusage.CODEC.encode(usage);
            assertThat(b).hasSize(144);
            ByteBuffer bb = le(b);
            assertThat(List.of(bb.getLong(0), bb.getLong(8), bb.getLong(16), bb.getLong(24)))
                    .containsExactly(1L, 500_000L, 2L, 1L);
            for (int i = 0; i < 14; i++) {
                assertThat(bb.getLong(32 + 8 * i)).as("field %d", i).isEqualTo(3 + i);
            }
            assertThat(bb.getLong(32)).as("ru_maxrss").isEqualTo(3);
            assertThat(bb.getLong(136)).as("ru_nivcsw").isEqualTo(16);
        }

        @Test
        @DisplayName("struct rusage round-trips and refuses short input")
        void roundTrip() {
            roundTrips(Rusage.CODEC, usage);
            roundTrips(Rusage.CODEC, new Rusage(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
            refusesShort(Rusage.CODEC, "struct rusage");
        }
    }

    @Nested
    class RlimitCodec {
        @Test
        @DisplayName("struct rlimit64 is soft at 0, hard at 8; RLIM64_INFINITY is all ones")
        void layout() {
            byte[] b = Rlimit.CODEC.encode(new Rlimit(1024, Rlimit.INFINITY));
            assertThat(b).containsExactly(0, 4, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1);
            roundTrips(Rlimit.CODEC, new Rlimit(1024, Rlimit.INFINITY));
            refusesShort(Rlimit.CODEC, "struct rlimit64");
        }
    }

    @Nested
    class TimespecCodec {
        @Test
        @DisplayName("struct timespec is seconds at 0, nanoseconds at 8")
        void layout() {
            byte[] b = Timespec.CODEC.encode(new Timespec(2, 999_999_999));
            assertThat(le(b).getLong(0)).isEqualTo(2);
            assertThat(le(b).getLong(8)).isEqualTo(999_999_999);
            assertThat(b).hasSize(16);
            roundTrips(Timespec.CODEC, new Timespec(-1, 0));
            refusesShort(Timespec.CODEC, "struct timespec");
        }

        @Test
        @DisplayName("nanoseconds outside 0..999999999 are refused, also when decoding")
        void nanosecondsRange() {
            assertThatThrownBy(() -> new Timespec(0, 1_000_000_000)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("tv_nsec must be in 0..999999999, was 1000000000");
            assertThatThrownBy(() -> new Timespec(0, -1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("tv_nsec must be in 0..999999999, was -1");
            byte[] bad = Bytes.allocate(16).putLong(8, 1_000_000_000L).array();
            assertThatThrownBy(() -> Timespec.CODEC.decode(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("tv_nsec must be in 0..999999999, was 1000000000");
        }

        @Test
        @DisplayName("converts to and from Duration, negative ones included")
        void duration() {
            assertThat(Timespec.of(Duration.ofMillis(1500))).isEqualTo(new Timespec(1, 500_000_000));
            assertThat(Timespec.of(Duration.ofMillis(-1))).isEqualTo(new Timespec(-1, 999_000_000));
            assertThat(new Timespec(-1, 999_000_000).toDuration()).isEqualTo(Duration.ofMillis(-1));
            assertThat(new Timespec(3, 7).toDuration()).isEqualTo(Duration.ofSeconds(3, 7));
        }
    }

    @Nested
    class FutexNodeCodec {
        @Test
        @DisplayName("struct futex_node is the robust-list next pointer at 0 and the futex word at 8, 16 bytes")
        void layout() {
            byte[] b = FutexNode.CODEC.encode(new FutexNode(0x1000, 0x12345678));
            assertThat(b).containsExactly(0, 0x10, 0, 0, 0, 0, 0, 0, 0x78, 0x56, 0x34, 0x12, 0, 0, 0, 0);
            assertThat(FutexNode.FUTEX_OFFSET).isEqualTo(8);
            roundTrips(FutexNode.CODEC, new FutexNode(-8, -1));
            refusesShort(FutexNode.CODEC, "struct futex_node");
        }
    }

    @Nested
    class SigSetCodec {
        @Test
        @DisplayName("sigset_t is 8 bytes with bit n-1 for signal n")
        void layout() {
            SigSet s = SigSet.of(Signal.SIGHUP, Signal.SIGTERM, Signal.of(64));
            assertThat(SigSet.CODEC.encode(s)).containsExactly(1, 0x40, 0, 0, 0, 0, 0, (byte) 0x80);
            roundTrips(SigSet.CODEC, s);
            roundTrips(SigSet.CODEC, SigSet.ALL);
            assertThat(SigSet.CODEC.encode(SigSet.EMPTY)).containsExactly(new byte[8]);
            refusesShort(SigSet.CODEC, "sigset_t");
        }
    }

    @Nested
    class StackCodec {
        @Test
        @DisplayName("stack data is the entry point then argument words, padded with zeros to 16 bytes")
        void layout() {
            byte[] one = Stack.CODEC.encode(new Stack(0xAB, List.of(7L)));
            assertThat(one).hasSize(16);
            assertThat(le(one).getLong(0)).isEqualTo(0xAB);
            assertThat(le(one).getLong(8)).isEqualTo(7);
            Stack two = new Stack(0xAB, List.of(1L, 2L));
            byte[] padded = Stack.CODEC.encode(two);
            assertThat(two.size()).isEqualTo(32);
            assertThat(Stack.CODEC.size(two)).isEqualTo(32);
            assertThat(padded).hasSize(32);
            assertThat(List.of(le(padded).getLong(8), le(padded).getLong(16), le(padded).getLong(24)))
                    .containsExactly(1L, 2L, 0L);
            assertThat(new Stack(1, List.of()).size()).isEqualTo(16);
            assertThat(new Stack(1, List.of(1L, 2L, 3L)).size()).isEqualTo(32);
        }

        @Test
        @DisplayName("decoding reads every word after the entry point, so padding comes back as a zero argument")
        void roundTrip() {
            Stack odd = new Stack(0xAB, List.of(1L, -1L, 0L));
            assertThat(Stack.CODEC.decode(Stack.CODEC.encode(odd))).isEqualTo(odd);
            assertThat(Stack.CODEC.decode(Stack.CODEC.encode(new Stack(5, List.of(1L, 2L)))))
                    .isEqualTo(new Stack(5, List.of(1L, 2L, 0L)));
            assertThat(Stack.CODEC.decode(Bytes.allocate(8).putLong(0, 9).array())).isEqualTo(new Stack(9, List.of()));
        }

        @Test
        @DisplayName("input that is not whole words, or shorter than one, is refused")
        void badInput() {
            for (int n : new int[] {0, 4, 12}) {
                assertThatThrownBy(() -> Stack.CODEC.decode(new byte[n])).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("stack data must be a whole number of 8-byte words, got " + n + " bytes");
            }
        }

        @Test
        @DisplayName("the argument list is copied and unmodifiable")
        void immutable() {
            List<Long> args = new java.util.ArrayList<>(List.of(1L));
            Stack s = new Stack(0, args);
            args.add(2L);
            assertThat(s.arguments()).containsExactly(1L);
            assertThatThrownBy(() -> s.arguments().add(3L)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class Primitives {
        @Test
        @DisplayName("int and long are little-endian; raw bytes are copied both ways")
        void primitives() {
            assertThat(Bytes.INT.encode(0x01020304)).containsExactly(4, 3, 2, 1);
            assertThat(Bytes.LONG.encode(-2L)).containsExactly(-2, -1, -1, -1, -1, -1, -1, -1);
            roundTrips(Bytes.INT, Integer.MIN_VALUE);
            roundTrips(Bytes.LONG, Long.MAX_VALUE);
            refusesShort(Bytes.INT, "int");
            refusesShort(Bytes.LONG, "long");
            byte[] raw = {1, 2, 3};
            byte[] enc = Bytes.RAW.encode(raw);
            assertThat(enc).containsExactly(1, 2, 3).isNotSameAs(raw);
            assertThat(Bytes.RAW.size(raw)).isEqualTo(3);
            assertThat(Bytes.RAW.decode(raw)).containsExactly(1, 2, 3).isNotSameAs(raw);
        }
    }
}
