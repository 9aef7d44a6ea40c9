// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * epoll ({@code <sys/epoll.h>}): event bits, {@code epoll_ctl} operations and the layout of
 * {@code struct epoll_event}. Layer rule: values only; depends on no jsyscall package but {@code linux} (checked by
 * {@code LayeringTest}).
 */
package dev.jsyscall.linux.epoll;
