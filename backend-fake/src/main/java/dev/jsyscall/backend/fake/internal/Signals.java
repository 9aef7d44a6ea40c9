// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

/** Signal dispositions and queued signal information (internal). */
final class Signals {
    private Signals() {}

    /** The kernel's struct sigaction as x86_64 lays it out: handler, flags, restorer, mask (32 bytes). */
    static final class Action {
        long handler;
        long flags;
        long restorer;
        long mask;

        Action copy() {
            Action a = new Action();
            a.handler = handler;
            a.flags = flags;
            a.restorer = restorer;
            a.mask = mask;
            return a;
        }

        boolean caught() {
            return handler != Linux.SIG_DFL && handler != Linux.SIG_IGN;
        }
    }

    /** The handler table, shared by processes cloned with CLONE_SIGHAND. */
    static final class Hand {
        final Action[] action = new Action[Linux.NSIG + 1];
        int users;

        Hand() {
            for (int i = 1; i <= Linux.NSIG; i++) {
                action[i] = new Action();
            }
        }

        /** Every clone without CLONE_SIGHAND copies the table: fill it once, from the copies. */
        private Hand(Hand from) {
            for (int i = 1; i <= Linux.NSIG; i++) {
                action[i] = from.action[i].copy();
            }
        }

        Hand copy() {
            return new Hand(this);
        }

        /** Resets every caught handler to SIG_DFL; ignored ones stay ignored, as execve and the blob do. */
        void resetCaught() {
            for (int sig = 1; sig <= Linux.NSIG; sig++) {
                Action a = action[sig];
                if (a.caught()) {
                    a.handler = Linux.SIG_DFL;
                    a.flags = 0;
                    a.restorer = 0;
                    a.mask = 0;
                }
            }
        }
    }

    /** A generated signal and its siginfo_t fields. */
    static final class Info {
        int signo;
        int errno;
        int code;
        int pid;
        int uid;
        int status;
        long utime;
        long stime;
        long value;
        /** Sent to the thread (tkill, tgkill, SIGPIPE), not the process: /proc shows it in SigPnd, not ShdPnd. */
        boolean threadDirected;

        static Info user(int sig, int code, int pid, int uid) {
            Info i = new Info();
            i.signo = sig;
            i.code = code;
            i.pid = pid;
            i.uid = uid;
            return i;
        }

        static Info kernel(int sig) {
            Info i = new Info();
            i.signo = sig;
            i.code = Linux.SI_KERNEL;
            return i;
        }

        /** siginfo_t, 128 bytes, as the kernel copies it out. */
        byte[] encode() {
            byte[] b = new byte[128];
            Bytes.putInt(b, 0, signo);
            Bytes.putInt(b, 4, errno);
            Bytes.putInt(b, 8, code);
            Bytes.putInt(b, 16, pid);
            Bytes.putInt(b, 20, uid);
            if (signo == Linux.SIGCHLD && code > 0) {
                Bytes.putInt(b, 24, status);
                Bytes.putLong(b, 32, utime);
                Bytes.putLong(b, 40, stime);
            } else if (code == Linux.SI_QUEUE || code == -1) {
                Bytes.putLong(b, 24, value);
            }
            return b;
        }

        @Override
        public String toString() {
            return Linux.signalName(signo) + "{code=" + code + ", pid=" + pid + ", status=" + status + "}";
        }
    }

    static String maskToString(long mask) {
        if (mask == 0) {
            return "{}";
        }
        StringBuilder sb = new StringBuilder("{");
        for (int s = 1; s <= Linux.NSIG; s++) {
            if ((mask & Linux.sigbit(s)) != 0) {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append(Linux.signalName(s));
            }
        }
        return sb.append('}').toString();
    }
}
