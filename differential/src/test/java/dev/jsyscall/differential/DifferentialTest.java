// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DifferentialTest {
    private static Campaign campaign;

    @BeforeAll
    static void open() {
        campaign = Campaign.open();
    }

    @AfterAll
    static void close() {
        campaign.close();
    }

    @Test
    @DisplayName("programs from fresh seeds diverge only as the documented list says, and ffm and jnr agree")
    void campaign() throws Exception {
        String replay = System.getProperty("differential.program", "");
        if (!replay.isBlank()) {
            Program p = Program.parse(replay);
            Divergence d = campaign.diverge(p);
            System.out.println("differential: replaying " + p + "\n  " + (d == null ? "no divergence" : d)
                    + (d == null ? "" : "\n  known: " + Campaign.known(d)));
            assertThat(campaign.realDisagreement(p)).as("ffm and jnr disagree").isNull();
            assertThat(d == null || Campaign.known(d) != null).as("an unexplained divergence: %s", d).isTrue();
            return;
        }
        String given = System.getProperty("differential.seed", "");
        long seed = given.isBlank() ? new SecureRandom().nextLong() >>> 16 : Long.decode(given);
        int count = Integer.getInteger("differential.programs", 600);
        System.out.println("differential: seed " + seed + ", " + count + " programs");
        long start = System.nanoTime();
        boolean processesOnly = Boolean.getBoolean("differential.processesOnly");
        Campaign.Result r = campaign.run(seed, count, processesOnly);
        System.out.printf("differential: %d programs (%d process programs), %d steps in %d ms; documented"
                + " divergences %s%n", r.programs(), r.processPrograms(), r.steps(),
                (System.nanoTime() - start) / 1_000_000, r.accepted());
        String report = System.getProperty("differential.report");
        if (report != null) {
            DifferentialReport.write(Path.of(report), r);
        }
        List<String> failures = new ArrayList<>(r.realDisagreements());
        for (Divergence d : r.unexplained()) {
            failures.add("unexplained divergence at " + d + "\n  replay: ./mvnw -B -pl differential -am verify"
                    + " -Dtest=DifferentialTest -Dsurefire.failIfNoSpecifiedTests=false -Ddifferential.program='"
                    + d.program() + "'");
        }
        assertThat(failures).as("campaign of seed %d (replay all: -Ddifferential.seed=%d -Ddifferential.programs=%d)",
                seed, seed, count).isEmpty();
    }

    @Test
    @DisplayName("each documented difference still diverges as documented, on its minimal program (else it is stale)")
    void noStaleEntry() {
        List<String> stale = new ArrayList<>();
        for (KnownDifference k : KnownDifference.ALL) {
            assertThat(campaign.realDisagreement(k.minimal())).as("ffm and jnr on %s", k.id()).isNull();
            Divergence d = campaign.diverge(k.minimal());
            if (!k.applies()) {
                // an environment difference on a machine without it: the fake must agree here
                assertThat(d).as("%s does not apply on this machine, yet its program diverges", k.id()).isNull();
            } else if (d == null || !k.matches(d)) {
                stale.add(k.id() + " (" + k.status() + "): its program `" + k.minimal() + "` now gives "
                        + (d == null ? "the same outcomes on the fake as on Linux" : d)
                        + "; the fake was fixed, remove the entry from KnownDifference.ALL");
            }
        }
        assertThat(stale).as("stale documented differences").isEmpty();
    }

    @Test
    @DisplayName("shrinking keeps the divergence and drops the steps that do not matter to it")
    void shrinks() {
        Program padded = Program.parse("getpid(); umask(18); pipe2(OUT,0); dup(fd0); getpid(); pipe2(OUT,0x4000)");
        Divergence d = campaign.diverge(padded);
        assertThat(d).as("the padded program of packet-pipes diverges").isNotNull();
        Divergence small = campaign.shrink(d);
        assertThat(small.program()).hasToString(Program.parse("pipe2(OUT,0x4000)").toString());
        assertThat(small.signature()).isEqualTo(d.signature());
    }

    @Test
    @DisplayName("a seed always gives the same program, and its text form reads back to it")
    void programsAreReplayable() {
        for (long seed = 0; seed < 200; seed++) {
            for (Program p : List.of(Generator.program(seed), Generator.processProgram(seed))) {
                assertThat(Program.parse(p.toString())).isEqualTo(p);
            }
            assertThat(Generator.program(seed)).isEqualTo(Generator.program(seed));
            assertThat(Generator.processProgram(seed)).isEqualTo(Generator.processProgram(seed));
        }
    }

    @Test
    @DisplayName("a process program acts on the JVM's children, names them by order of creation, and kills and reaps"
            + " every one it made")
    void processProgram() throws Exception {
        Program p = Program.parse("processes: spawn(DRIVEN); spawn(EXIT3); setpgid(C0,0); setpgid(C1,C0);"
                + " setpgid(C0,C0); setsid_in(C0); waitid(2,C0,OUT,5,NULL); pidfd_open(C1,0); kill(-C0,0); waitid(3,fd0,OUT,4,NULL);"
                + " pidfd_open(C1,0); spawn(SLEEP); kill(C2,9); waitid(1,C2,OUT,0x1000005,NULL);"
                + " waitid(1,C2,OUT,5,NULL); waitid(1,C2,OUT,5,NULL)");
        long fds = openFds();
        List<String> expected = List.of("C0", "C1", "0", "-EACCES", "0", "-EPERM",
                "0 signo=0 code=0 pid=0 status=0", "fd", "0",
                "0 signo=17 code=1 pid=C1 status=3", "-ESRCH", "C2", "0", "0 signo=17 code=2 pid=C2 status=9",
                "0 signo=17 code=2 pid=C2 status=9", "-ECHILD");
        for (String backend : List.of("ffm", "jnr")) {
            try (Target real = Target.real(backend)) {
                assertThat(real.run(p, Campaign.SURE_BLOCK_MILLIS)).as(backend).isEqualTo(expected);
            }
        }
        try (Target fake = Target.fake()) {
            assertThat(fake.run(p, Campaign.SURE_BLOCK_MILLIS)).as("fake").isEqualTo(expected);
        }
        assertThat(openFds()).as("the JVM's open fds").isEqualTo(fds);
        assertThat(children()).as("the JVM's child processes").isZero();
    }

    private static long openFds() throws java.io.IOException {
        try (var s = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    private static long children() throws java.io.IOException {
        long self = ProcessHandle.current().pid();
        try (var s = java.nio.file.Files.list(Path.of("/proc"))) {
            return s.filter(d -> d.getFileName().toString().matches("[0-9]+")).filter(d -> {
                try {
                    String stat = java.nio.file.Files.readString(d.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    return Long.parseLong(f[1]) == self;
                } catch (java.io.IOException gone) {
                    return false;
                }
            }).count();
        }
    }
}
