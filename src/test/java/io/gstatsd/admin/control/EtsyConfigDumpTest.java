package io.gstatsd.admin.control;

import io.gstatsd.configuration.control.LenientJson;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The config answer as Etsy's helpers.writeConfig writes the object stats.js holds (read in stats.js). */
class EtsyConfigDumpTest {

    @Test
    void theFileIsWrittenWithWhatEtsyAddsAtStartUpAndAfterTheFirstFlush() {
        boolean[] flushed = {false};
        EtsyConfigDump dump = new EtsyConfigDump(LenientJson.parse("""
                { graphitePort: 2003, graphiteHost: "carbon", port: 8125, backends: [ "./backends/graphite" ],
                  percentThreshold: [90, -10], graphite: { globalPrefix: 'app', legacyNamespace: false },
                  repeater: [ { host: 'a', port: 1 } ], gaugesMaxTTL: 2.5, deleteCounters: 0, nothing: null }"""),
                () -> flushed[0]);
        String atStart = """

                graphitePort: 2003
                graphiteHost: carbon
                port: 8125
                backends > 0: ./backends/graphite
                percentThreshold > 0: 90
                percentThreshold > 1: -10
                graphite > globalPrefix: app
                graphite > legacyNamespace: false
                repeater > 0: [object Object]
                gaugesMaxTTL: 1
                deleteCounters: 0
                deleteIdleStats: false
                flushInterval: 10000
                """;
        assertEquals(atStart, dump.answer());
        flushed[0] = true;
        assertEquals(atStart.replace("deleteCounters: 0\n", "deleteCounters: false\n")
                + "deleteTimers: false\ndeleteSets: false\ndeleteGauges: false\n", dump.answer());
    }

    @Test
    void deleteIdleStatsTurnsTheTypeFlagsOnUnlessSet() {
        EtsyConfigDump dump = new EtsyConfigDump(LenientJson.parse("{ deleteIdleStats: true, deleteTimers: false, flushInterval: '2000' }"),
                () -> true);
        assertEquals("""

                deleteIdleStats: true
                deleteTimers: false
                flushInterval: 2000
                gaugesMaxTTL: 1
                deleteCounters: true
                deleteSets: true
                deleteGauges: true
                """, dump.answer());
    }
}
