// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.cli;

import dev.jsyscall.linux.Headers;
import dev.jsyscall.linux.SetupOption;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.resource.Rlimit;
import dev.jsyscall.linux.signal.Signal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code jsyscall run}'s options that are one syscall definition each: every factory marked {@link SetupOption}
 * in the classes of {@link Headers#all()} becomes an option built with picocli's programmatic API, so that a new
 * set-up syscall needs no edit here. A value is parsed by the factory's parameter types (one parser per
 * signature, below), then the factory itself checks it; either refusal is a usage error naming the option.
 */
final class SetupOptions {
    private SetupOptions() {
    }

    /** Turns an option's text into the factory's arguments; throws {@link IllegalArgumentException} if bad. */
    private static final Map<List<Class<?>>, BiFunction<SetupOption, String, Object[]>> PARSERS = Map.of(
            List.of(String.class), (o, v) -> new Object[] {name(v)},
            List.of(int.class), (o, v) -> new Object[] {o.format() == SetupOption.Format.OCTAL_MODE
                    ? OptionValues.umask(v) : OptionValues.integer(v)},
            List.of(int[].class), (o, v) -> new Object[] {OptionValues.integers(v)},
            List.of(String.class, String.class), (o, v) -> {
                String[] pair = OptionValues.pathPair(v);
                return new Object[] {pair[0], pair[1]};
            },
            List.of(Signal.class), (o, v) -> new Object[] {OptionValues.signal(v)},
            List.of(Resource.class, Rlimit.class), (o, v) -> {
                OptionValues.Limit l = OptionValues.rlimit(v);
                return new Object[] {l.resource(), l.limit()};
            });

    private static String name(String value) {
        // an empty path or name would only fail later, in the child, with a less clear errno
        if (value.isEmpty()) {
            throw OptionValues.bad("empty", value);
        }
        return value;
    }

    /**
     * The option group of every definition, sorted by option name, each occurrence handing its request to
     * {@code step}.
     *
     * @param step receives the request of each occurrence, in command-line order
     * @param usageError makes the parse error of a bad value (the option's name and the message)
     */
    static ArgGroupSpec group(String heading, Consumer<SyscallRequest<?>> step,
                              BiFunction<String, String, CommandLine.ParameterException> usageError) {
        List<Method> definitions = definitions();
        ArgGroupSpec.Builder group = ArgGroupSpec.builder().heading(heading).validate(false).exclusive(false)
                .order(0);
        int order = 10;
        for (Method m : definitions) {
            SetupOption o = m.getAnnotation(SetupOption.class);
            boolean flag = m.getParameterCount() == 0;
            BiFunction<SetupOption, String, Object[]> parser = PARSERS.get(List.of(m.getParameterTypes()));
            OptionSpec.Builder option = OptionSpec.builder(o.name()).description(o.description()).order(order++)
                    .setter(new CommandLine.Model.ISetter() {
                        @Override
                        public <T> T set(T value) {
                            String text = flag ? "" : String.valueOf(value);
                            step.accept(request(m, o, parser, text, usageError));
                            return null;
                        }
                    });
            if (flag) {
                option.type(boolean.class).arity("0");
            } else {
                option.type(String.class).arity("1").paramLabel(o.paramLabel());
            }
            group.addArg(option.build());
        }
        return group.build();
    }

    private static SyscallRequest<?> request(Method m, SetupOption o,
                                             BiFunction<SetupOption, String, Object[]> parser, String text,
                                             BiFunction<String, String, CommandLine.ParameterException> usageError) {
        try {
            Object[] args = parser == null ? new Object[0] : parser.apply(o, text);
            return (SyscallRequest<?>) m.invoke(null, args);
        } catch (IllegalArgumentException e) {
            throw usageError.apply(o.name(), e.getMessage());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException) {
                throw usageError.apply(o.name(), OptionValues.bad(e.getCause().getMessage(), text).getMessage());
            }
            throw new IllegalStateException(o.name() + ": " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The marked factories of every header, by option name; a definition the CLI cannot offer (not a public
     * static request factory, a signature without a parser, a name taken twice) fails here, at start-up, where
     * the CLI's tests see it.
     */
    static List<Method> definitions() {
        List<Method> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Class<?> header : Headers.all()) {
            for (Method m : header.getMethods()) {
                SetupOption o = m.getAnnotation(SetupOption.class);
                if (o == null) {
                    continue;
                }
                String where = header.getSimpleName() + "." + m.getName();
                if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != SyscallRequest.class) {
                    throw new IllegalStateException(where + " is marked @SetupOption but is not a static factory"
                            + " of a SyscallRequest");
                }
                if (m.getParameterCount() > 0 && !PARSERS.containsKey(List.of(m.getParameterTypes()))) {
                    throw new IllegalStateException(where + ": no parser for the parameters "
                            + List.of(m.getParameterTypes()) + " of " + o.name());
                }
                if (!o.name().startsWith("--") || !names.add(o.name())) {
                    throw new IllegalStateException(where + ": option name " + o.name()
                            + " is not --NAME or is taken twice");
                }
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(m -> m.getAnnotation(SetupOption.class).name()));
        return out;
    }
}
