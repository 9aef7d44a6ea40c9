// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/** The {@code jsyscall} command line. */
module dev.jsyscall.cli {
    requires dev.jsyscall;
    requires info.picocli;
    // sun.misc.Signal: the only way for Java code to handle TERM, INT and HUP instead of exiting
    requires jdk.unsupported;

    opens dev.jsyscall.cli to info.picocli;
}
