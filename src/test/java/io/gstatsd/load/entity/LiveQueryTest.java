package io.gstatsd.load.entity;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LiveQueryTest {

    @Test
    void absentParametersMeanByRateAFewHundredRows() {
        assertNull(LiveQuery.problem(null, null));
        assertEquals(new LiveQuery("", LiveQuery.Order.RATE, 300), LiveQuery.of(null, null, null));
        assertEquals(new LiveQuery("api", LiveQuery.Order.NAME, 5), LiveQuery.of("api", "name", "5"));
    }

    @Test
    void aBadOrderOrLimitIsNamedInOneLine() {
        assertEquals("sort must be rate or name, got \"size\"", LiveQuery.problem("size", null));
        assertEquals("limit must be 1 to 1000, got \"0\"", LiveQuery.problem("rate", "0"));
        assertEquals("limit must be 1 to 1000, got \"1001\"", LiveQuery.problem(null, "1001"));
        assertEquals("limit must be 1 to 1000, got \"-3\"", LiveQuery.problem(null, "-3"));
        assertEquals("limit must be 1 to 1000, got \"99999999999\"", LiveQuery.problem(null, "99999999999"));
        assertNull(LiveQuery.problem("name", "1000"));
    }
}
