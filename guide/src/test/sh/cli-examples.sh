# Copyright 2026 the jsyscall authors
# SPDX-License-Identifier: Apache-2.0
# The CLI beside the tools it behaves like, as docs/guide.md shows it. CliExamplesTest runs each line's jsyscall
# command and, after "# as:", the coreutils or util-linux command, and compares their exit statuses and stdout.
# tag::cli[]
jsyscall run -- sh -c 'exit 3'                                 # as: sh -c 'exit 3'
jsyscall run --timeout 1s -- sleep 10                          # as: timeout 1s sleep 10
jsyscall run --timeout 1s --grace 200ms -- sh -c 'trap "" TERM; sleep 10'  # as: timeout -k 0.2 1s sh -c 'trap "" TERM; sleep 10'
jsyscall run -- no-such-program                                # as: env no-such-program
jsyscall run --no-such-option -- true                          # as: env --no-such-option true
jsyscall run --nice 5 -- nice                                  # as: nice -n 5 nice
jsyscall run --rlimit nofile=64: -- sh -c 'ulimit -Sn'         # as: prlimit --nofile=64: sh -c 'ulimit -Sn'
jsyscall run --env A=1 --unset-env HOME -- sh -c 'echo $A$HOME'  # as: env -u HOME A=1 sh -c 'echo $A$HOME'
# end::cli[]
