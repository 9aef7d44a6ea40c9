/**
 * Time values ({@code <time.h>}): {@code struct timespec}. Layer rule: values only; depends on no jsyscall package but {@code linux}, {@code near} and {@code struct}
 * (checked by {@code LayeringTest}).
 */
package dev.jsyscall.linux.time;
