// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DrivenProtocolTest {
    private static final long EXECVE = 59;

    @Test
    @DisplayName("a request is the number word and six arguments, little-endian, and decodes to the same words")
    void requestRoundTrip() {
        byte[] b = new byte[DrivenProtocol.REQUEST_SIZE + 8];
        DrivenProtocol.encodeRequest(b, 8, 39 | DrivenProtocol.CHAINED, 1, -2, 3, 0x0102030405060708L, 5, 6);
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(le.getLong(8)).isEqualTo(39 | (1L << 32));
        assertThat(le.getLong(8 + 32)).isEqualTo(0x0102030405060708L);
        assertThat(b[8 + 32]).isEqualTo((byte) 0x08);
        long[] words = new long[DrivenProtocol.REQUEST_WORDS];
        for (int i = 0; i < words.length; i++) {
            words[i] = DrivenProtocol.requestWord(b, 8, i);
        }
        assertThat(words).containsExactly(39 | DrivenProtocol.CHAINED, 1, -2, 3, 0x0102030405060708L, 5, 6);
        assertThat(DrivenProtocol.syscallNumber(words[0])).isEqualTo(39);
        assertThat(DrivenProtocol.isChained(words[0])).isTrue();
        assertThat(DrivenProtocol.isDeferred(words[0])).isFalse();
        assertThatThrownBy(() -> DrivenProtocol.requestWord(b, 0, 7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("7");
    }

    @Test
    @DisplayName("the flags are bits 32 and 33, which the blob tests, apart from the syscall number")
    void flagBits() {
        assertThat(DrivenProtocol.CHAINED).isEqualTo(1L << 32);
        assertThat(DrivenProtocol.DEFER).isEqualTo(1L << 33);
        assertThat(DrivenProtocol.REQUEST_SIZE).isEqualTo(56);
        assertThat(DrivenProtocol.RESULT_SIZE).isEqualTo(8);
        assertThat(DrivenProtocol.syscallNumber(DrivenProtocol.CHAINED | DrivenProtocol.DEFER | 435)).isEqualTo(435);
    }

    @Test
    @DisplayName("a chain marks all but its first request chained and defers all but the last of a write and the"
            + " one before an execve")
    void chainFlags() {
        long[] requests = {
            33, 5, 0, 0, 0, 0, 0,
            33, 6, 1, 0, 0, 0, 0,
            14, 2, 7, 0, 8, 0, 0,
            EXECVE, 100, 200, 300, 0, 0, 0,
            60, 0, 0, 0, 0, 0, 0,
        };
        byte[] first = new byte[4 * DrivenProtocol.REQUEST_SIZE];
        DrivenProtocol.encodeChain(first, requests, 0, 4, nr -> nr == EXECVE);
        assertThat(word(first, 0)).isEqualTo(33 | DrivenProtocol.DEFER);
        assertThat(word(first, 1)).isEqualTo(33 | DrivenProtocol.CHAINED | DrivenProtocol.DEFER);
        assertThat(word(first, 2)).as("its results must arrive before execve's EOF")
                .isEqualTo(14 | DrivenProtocol.CHAINED);
        assertThat(word(first, 3)).as("last of the write").isEqualTo(EXECVE | DrivenProtocol.CHAINED);
        assertThat(DrivenProtocol.requestWord(first, 3 * DrivenProtocol.REQUEST_SIZE, 2)).isEqualTo(200);
        byte[] second = new byte[DrivenProtocol.REQUEST_SIZE];
        DrivenProtocol.encodeChain(second, requests, 4, 1, nr -> false);
        assertThat(word(second, 0)).as("a later write still belongs to the chain").isEqualTo(60 | DrivenProtocol.CHAINED);
        assertThatThrownBy(() -> DrivenProtocol.encodeChain(second, new long[8], 0, 1, nr -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7 words");
        assertThatThrownBy(() -> DrivenProtocol.encodeChain(second, requests, 0, 2, nr -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("56 bytes");
    }

    private static long word(byte[] b, int request) {
        return DrivenProtocol.requestWord(b, request * DrivenProtocol.REQUEST_SIZE, 0);
    }

    @Test
    @DisplayName("results are 8-byte little-endian words, one after the other")
    void results() {
        byte[] b = new byte[16];
        DrivenProtocol.encodeResult(b, 8, -125);
        DrivenProtocol.encodeResult(b, 0, 4242);
        assertThat(DrivenProtocol.result(b, 0)).isEqualTo(4242);
        assertThat(DrivenProtocol.result(b, 1)).isEqualTo(-125);
    }

    @Test
    @DisplayName("start data is entry, request fd, response fd, two fds to close and a zero pad, filling"
            + " START_DATA_SIZE")
    void startData() {
        long[] words = DrivenProtocol.startData(0x7f00_1234_5000L, 5, 8, 6, 7);
        assertThat(words).containsExactly(0x7f00_1234_5000L, 5L, 8L, 6L, 7L, 0L);
        assertThat(DrivenProtocol.startData(0x7f00_1234_5000L, 5, 8)).containsExactly(0x7f00_1234_5000L, 5L, 8L,
                -1L, -1L, 0L);
        assertThat(words.length * Long.BYTES).isEqualTo(DrivenProtocol.START_DATA_SIZE);
        assertThat(DrivenProtocol.START_DATA_SIZE % 16).as("keeps the stack 16-byte aligned").isZero();
        ByteBuffer le = ByteBuffer.allocate(DrivenProtocol.START_DATA_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (long w : words) {
            le.putLong(w);
        }
        byte[] b = le.array();
        assertThat(DrivenProtocol.startWord(b, DrivenProtocol.START_ENTRY)).isEqualTo(0x7f00_1234_5000L);
        assertThat(DrivenProtocol.startWord(b, DrivenProtocol.START_REQUEST_FD)).isEqualTo(5);
        assertThat(DrivenProtocol.startWord(b, DrivenProtocol.START_RESPONSE_FD)).isEqualTo(8);
        assertThat(DrivenProtocol.startWord(b, DrivenProtocol.START_CLOSE_FIRST)).isEqualTo(6);
        assertThat(DrivenProtocol.startWord(b, DrivenProtocol.START_CLOSE_SECOND)).isEqualTo(7);
    }

    @Test
    @DisplayName("bad start data arguments are refused with the argument's name and value")
    void badStartData() {
        assertThatThrownBy(() -> DrivenProtocol.startData(0, 3, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serverEntryAddress");
        assertThatThrownBy(() -> DrivenProtocol.startData(0x1000, -1, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestFd").hasMessageContaining("-1");
        assertThatThrownBy(() -> DrivenProtocol.startData(0x1000, 3, -7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("responseFd").hasMessageContaining("-7");
        assertThatThrownBy(() -> DrivenProtocol.startData(0x1000, 3, 4, -2, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("to close").hasMessageContaining("-2");
        assertThatThrownBy(() -> DrivenProtocol.startData(0x1000, 3, 4, 5, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel").hasMessageContaining("3");
        assertThatThrownBy(() -> DrivenProtocol.startWord(new byte[48], 6)).isInstanceOf(IllegalArgumentException.class);
    }
}
