// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * The jsyscall conformance suite: extend {@link dev.jsyscall.testkit.SyscallConformanceSuite} in a backend's
 * tests to hold it to what real Linux does.
 */
module dev.jsyscall.testkit {
    requires transitive dev.jsyscall;
    requires transitive org.junit.jupiter.api;
    requires org.assertj.core;
    // BridgeContract captures the System.Logger records that reach java.util.logging
    requires java.logging;

    exports dev.jsyscall.testkit;
    exports dev.jsyscall.testkit.report;

    opens dev.jsyscall.testkit to org.junit.platform.commons;
}
