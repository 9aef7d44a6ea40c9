// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.Command;
import dev.jsyscall.internal.ExecStrings;
import dev.jsyscall.linux.Errno;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The end of a spawn with {@code execvp}'s rules, run in the driven child after its set-up: a name without '/' is
 * looked up in the child's {@code PATH}, and a file the kernel refuses with {@code ENOEXEC} runs as
 * {@code /bin/sh FILE ARGS}.
 *
 * <p>The search runs in the child rather than in the JVM because the set-up decides what each candidate means:
 * a {@code chdir} changes what an empty PATH entry (the cwd) names, an unshared mount namespace or new
 * credentials change which files exist and which may be executed. A failed {@code execve} returns {@code -errno}
 * and the child keeps serving, so trying candidates in order there is exactly what {@code execvp} does. The first
 * candidate goes with the set-up in one round trip; each further one costs one more. A path with a '/' is one
 * candidate, so its spawn stays one round trip.
 */
final class PathSearch {
    /** What glibc's execvp searches when there is no PATH ({@code _CS_PATH}, {@code getconf PATH}). */
    static final String DEFAULT_PATH = "/bin:/usr/bin";
    private static final String SHELL = "/bin/sh";

    private PathSearch() {
    }

    /**
     * Execs {@code command} in {@code child}, whose set-up is queued on {@code batch}; the PATH is the command's
     * environment's (the JVM's, unless the command changes it).
     *
     * @throws ExecFailedException when no candidate could be exec'd: ENOENT (or EACCES, if a candidate was
     *     refused for permission) naming the name and the PATH searched, or the error that ended the search
     */
    static ChildProcess exec(SetupBatch batch, ChildTask child, Command command) {
        ExecStrings strings = child.cloner().execStrings(command);
        byte[] file = strings.path();
        if (indexOf(file, (byte) '/', file.length) >= 0) {
            return orThrow(attempt(batch, child, command, strings, file));
        }
        // bytes, not a String: a PATH that is not valid UTF-8 still names the directories it names
        byte[] pathBytes = pathOf(strings.envp());
        boolean searched = pathBytes != null;
        if (!searched) {
            pathBytes = DEFAULT_PATH.getBytes(StandardCharsets.US_ASCII);
        }
        boolean denied = false;
        SetupBatch next = batch;
        int start = 0;
        while (true) {
            int end = indexOf(pathBytes, (byte) ':', start, pathBytes.length);
            // an empty entry is the cwd: the bare name, relative to the child's cwd, as glibc makes it
            byte[] candidate = end == start ? file : join(pathBytes, start, end, file);
            Object r = attempt(next != null ? next : child.batch(), child, command, strings, candidate);
            next = null;
            if (r instanceof ChildProcess) {
                return (ChildProcess) r;
            }
            ExecFailedException e = (ExecFailedException) r;
            switch (e.errno()) {
                case EACCES:
                    // remembered: a later candidate may still run, and if none does this is the better answer
                    denied = true;
                    break;
                case ENOENT:
                case ENOTDIR:
                case ESTALE:
                case ENODEV:
                case ETIMEDOUT:
                    break;
                default:
                    // the file is there but could not run (E2BIG, ETXTBSY, ELOOP...): glibc stops here too
                    throw e;
            }
            if (end == pathBytes.length) {
                break;
            }
            start = end + 1;
        }
        String name = command.executable();
        String path = new String(pathBytes, StandardCharsets.UTF_8);
        throw new ExecFailedException(denied ? Errno.EACCES : Errno.ENOENT, name, "file=" + name + ", PATH=" + path
                + (searched ? "" : " (no PATH in the environment: glibc's default)")
                + ", searched in the child after its set-up");
    }

    /**
     * The execve image of the first candidate {@link #exec} tries for {@code command}: a set-up that needs no
     * answers is written with it into the child's channel before the clone.
     */
    static ChildTask.ExecImage firstImage(ExecStrings strings, Command command) {
        byte[] file = strings.path();
        byte[] candidate = file;
        if (indexOf(file, (byte) '/', file.length) < 0) {
            byte[] pathBytes = pathOf(strings.envp());
            if (pathBytes == null) {
                pathBytes = DEFAULT_PATH.getBytes(StandardCharsets.US_ASCII);
            }
            int end = indexOf(pathBytes, (byte) ':', 0, pathBytes.length);
            candidate = end == 0 ? file : join(pathBytes, 0, end, file);
        }
        return image(command, strings, candidate);
    }

    private static ChildTask.ExecImage image(Command command, ExecStrings strings, byte[] candidate) {
        String shown = new String(candidate, 0, candidate.length - 1, StandardCharsets.UTF_8);
        return new ChildTask.ExecImage(shown, command.argv(), candidate, strings.argv(), strings.envp());
    }

    /** Execs one candidate, and on ENOEXEC {@code /bin/sh candidate args}: the child, or why it failed. */
    private static Object attempt(SetupBatch batch, ChildTask child, Command command, ExecStrings strings,
                                  byte[] candidate) {
        List<String> argv = command.argv();
        String shown = new String(candidate, 0, candidate.length - 1, StandardCharsets.UTF_8);
        try {
            // no re-blocking after a failure: the next attempt sets the program's mask again, and if none is
            // left the child is killed; execvp also runs its search under the program's mask
            return batch.exec(image(command, strings, candidate), command, true, false);
        } catch (ExecFailedException e) {
            if (e.errno() != Errno.ENOEXEC) {
                return e;
            }
        }
        // neither ELF nor #!: a shell script without its line, run as execvp and ProcessBuilder do
        List<byte[]> args = new ArrayList<>(strings.argv().size() + 1);
        args.add((SHELL + '\0').getBytes(StandardCharsets.US_ASCII));
        args.add(candidate);
        args.addAll(strings.argv().subList(1, strings.argv().size()));
        List<String> shownArgs = new ArrayList<>(argv.size() + 1);
        shownArgs.add(SHELL);
        shownArgs.add(shown);
        shownArgs.addAll(argv.subList(1, argv.size()));
        try {
            return child.batch().exec(new ChildTask.ExecImage(SHELL, shownArgs, args.get(0), args, strings.envp()),
                    command, true, false);
        } catch (ExecFailedException e) {
            return e;
        }
    }

    private static ChildProcess orThrow(Object r) {
        if (r instanceof ChildProcess) {
            return (ChildProcess) r;
        }
        throw (ExecFailedException) r;
    }

    /** The value of the first {@code PATH=} entry, as getenv finds it; null when there is none. */
    private static byte[] pathOf(List<byte[]> envp) {
        for (byte[] e : envp) {
            if (e.length >= 6 && e[0] == 'P' && e[1] == 'A' && e[2] == 'T' && e[3] == 'H' && e[4] == '=') {
                return Arrays.copyOfRange(e, 5, e.length - 1);
            }
        }
        return null;
    }

    /** {@code dir[start, end) + "/" + file}, NUL-terminated as {@code file} is. */
    private static byte[] join(byte[] dirs, int start, int end, byte[] file) {
        byte[] c = Arrays.copyOfRange(dirs, start, end + 1 + file.length);
        c[end - start] = '/';
        System.arraycopy(file, 0, c, end - start + 1, file.length);
        return c;
    }

    private static int indexOf(byte[] b, byte x, int end) {
        int i = indexOf(b, x, 0, end);
        return i == end ? -1 : i;
    }

    /** The first {@code x} in {@code b[start, end)}, else {@code end}. */
    private static int indexOf(byte[] b, byte x, int start, int end) {
        for (int i = start; i < end; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return end;
    }
}
