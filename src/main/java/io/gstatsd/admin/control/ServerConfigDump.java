package io.gstatsd.admin.control;

import io.gstatsd.configuration.entity.ServerConfig;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The admin {@code config} answer for a server configured without an Etsy file: each setting as Etsy writes
 * its own ({@code name: value} a line after an empty one), lists joined with ','. Immutable.
 */
public final class ServerConfigDump {

    private final String answer;

    public ServerConfigDump(ServerConfig config) {
        StringBuilder out = new StringBuilder("\n");
        for (RecordComponent component : ServerConfig.class.getRecordComponents()) {
            out.append(component.getName()).append(": ").append(text(value(component, config))).append('\n');
        }
        this.answer = out.toString();
    }

    public String answer() {
        return answer;
    }

    private static Object value(RecordComponent component, ServerConfig config) {
        try {
            return component.getAccessor().invoke(config);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("a record accessor failed: " + component, e);
        }
    }

    private static String text(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }
}
