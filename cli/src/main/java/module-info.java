/** The {@code jsyscall} command line. */
module dev.jsyscall.cli {
    requires dev.jsyscall;
    requires info.picocli;

    opens dev.jsyscall.cli to info.picocli;
}
