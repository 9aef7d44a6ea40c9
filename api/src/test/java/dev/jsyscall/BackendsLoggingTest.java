// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.spi.SyscallBackendProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Backend selection is logged at DEBUG through {@link System.Logger}, which reaches java.util.logging when no
 * other {@code LoggerFinder} is installed (as in these tests): DEBUG is JUL's FINE.
 */
class BackendsLoggingTest {
    private final Logger logger = Logger.getLogger(Backends.class.getName());
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level before;

    @BeforeEach
    void capture() {
        before = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
        logger.setLevel(before);
    }

    private List<String> debug() {
        return records.stream().filter(r -> r.getLevel().equals(Level.FINE)).map(LogRecord::getMessage).toList();
    }

    private static Backends.Discovery found(SyscallBackendProvider... providers) {
        return new Backends.Discovery(List.of(providers), List.of());
    }

    @Test
    @DisplayName("a default choice logs what was found, why each candidate was unavailable, and which was chosen")
    void defaultChoice() {
        StubProvider ffm = StubProvider.unavailable("ffm", 100, "needs Java 22+ (running 17)", null);
        StubProvider jnr = StubProvider.available("jnr", 50);
        StubProvider fake = StubProvider.onlyWhenRequested("fake", 0);
        assertThat(Backends.select(null, found(ffm, jnr, fake))).isSameAs(jnr);
        assertThat(debug()).anySatisfy(m -> assertThat(m).contains("'ffm' needs Java 22+ (running 17)")
                .contains("'jnr' is available").contains("'fake' is only used when requested")
                .contains("none requested"));
        assertThat(debug()).anySatisfy(m -> assertThat(m).contains("chose backend 'jnr'")
                .contains("highest priority (50)"));
    }

    @Test
    @DisplayName("a requested backend logs that it was chosen because it was requested")
    void requested() {
        StubProvider fake = StubProvider.onlyWhenRequested("fake", 0);
        StubProvider broken = StubProvider.unavailable("jnr", 50, "failed to load libc",
                new IOException("no libc"));
        assertThat(Backends.select("fake", found(broken, fake))).isSameAs(fake);
        assertThat(debug()).anySatisfy(m -> assertThat(m).contains("requested 'fake'")
                .contains("'jnr' failed to load libc"));
        assertThat(debug()).anySatisfy(m -> assertThat(m).contains("chose backend 'fake': requested by"));
    }

    @Test
    @DisplayName("nothing is logged above DEBUG, and nothing at all when DEBUG is off")
    void quietByDefault() {
        logger.setLevel(Level.INFO);
        Backends.select(null, found(StubProvider.available("jnr", 50)));
        assertThat(records).isEmpty();
    }
}
