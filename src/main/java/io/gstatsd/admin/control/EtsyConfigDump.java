package io.gstatsd.admin.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gstatsd.configuration.control.JsValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The admin {@code config} answer for a server started with an Etsy configuration file: the file's object as
 * Etsy statsd 0.9 holds it once running (it adds {@code gaugesMaxTTL}, {@code deleteIdleStats},
 * {@code flushInterval} as a number, and after the first flush the four {@code delete*} flags), written as its
 * {@code helpers.writeConfig} writes it: {@code key: value}, or {@code key > sub: value} for each entry of an
 * object or array. Thread-safe: the object is built once and only read.
 */
public final class EtsyConfigDump {

    private final ObjectNode atStart;
    private final ObjectNode afterFirstFlush;
    private final BooleanSupplier flushed;

    /** @param flushed whether the server has flushed once (Etsy adds the delete flags then) */
    public EtsyConfigDump(JsonNode file, BooleanSupplier flushed) {
        this.atStart = started(file.deepCopy());
        this.afterFirstFlush = flushedOnce(atStart.deepCopy());
        this.flushed = flushed;
    }

    public String answer() {
        StringBuilder out = new StringBuilder("\n");
        ObjectNode config = flushed.getAsBoolean() ? afterFirstFlush : atStart;
        for (Map.Entry<String, JsonNode> property : config.properties()) {
            JsonNode value = property.getValue();
            if (!value.isContainerNode() && !value.isNull()) {
                out.append(property.getKey()).append(": ").append(JsValues.text(value)).append('\n');
                continue;
            }
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            if (value.isObject()) {
                entries.addAll(value.properties());
            } else if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    entries.add(Map.entry(Integer.toString(i), value.get(i)));
                }
            }
            for (Map.Entry<String, JsonNode> entry : entries) {
                out.append(property.getKey()).append(" > ").append(entry.getKey()).append(": ")
                        .append(JsValues.text(entry.getValue())).append('\n');
            }
        }
        return out.toString();
    }

    /** What stats.js and its graphite backend write into the object at start-up, in their order. */
    private static ObjectNode started(ObjectNode config) {
        JsonNode ttl = config.get("gaugesMaxTTL");
        boolean integerAboveOne = ttl != null && ttl.isNumber() && ttl.doubleValue() % 1 == 0 && ttl.doubleValue() > 1;
        config.set("gaugesMaxTTL", integerAboveOne ? ttl : JsonNodeFactory.instance.numberNode(1));
        if (!config.has("deleteIdleStats")) {
            config.put("deleteIdleStats", false);
        }
        if (JsValues.truthy(config.get("deleteIdleStats"))) {
            for (String flag : List.of("deleteCounters", "deleteTimers", "deleteSets", "deleteGauges")) {
                if (!config.has(flag)) {
                    config.put(flag, true);
                }
            }
        }
        JsonNode interval = config.get("flushInterval");
        config.set("flushInterval", JsonNodeFactory.instance.numberNode(
                JsValues.truthy(interval) ? JsValues.number(interval) : 10_000));
        if (graphiteLoaded(config) && !JsValues.truthy(config.get("graphite"))) {
            config.set("graphite", JsonNodeFactory.instance.objectNode());
        }
        return config;
    }

    /** {@code conf.deleteCounters = conf.deleteCounters || false} and so on, at every flush. */
    private static ObjectNode flushedOnce(ObjectNode config) {
        for (String flag : List.of("deleteCounters", "deleteTimers", "deleteSets", "deleteGauges")) {
            if (!JsValues.truthy(config.get(flag))) {
                config.put(flag, false);
            }
        }
        return config;
    }

    private static boolean graphiteLoaded(ObjectNode config) {
        JsonNode backends = config.get("backends");
        if (backends == null || !JsValues.truthy(backends)) {
            return true;
        }
        for (JsonNode backend : backends) {
            if (backend.asText().endsWith("backends/graphite")) {
                return true;
            }
        }
        return false;
    }
}
