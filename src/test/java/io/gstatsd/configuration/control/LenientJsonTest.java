package io.gstatsd.configuration.control;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LenientJsonTest {

    @Test
    void readsAnObjectLiteralAsEtsysExampleConfigWritesIt() {
        JsonNode config = LenientJson.parse("""
                /* Graphite Required Variable: ... */
                {
                  graphitePort: 2003
                , graphiteHost: "graphite.example.com"   // the carbon host
                , port: 8125
                , backends: [ './backends/graphite', ]
                , graphite: { globalPrefix: 'app', },
                };
                """);
        assertEquals(List.of("graphitePort", "graphiteHost", "port", "backends", "graphite"),
                iterableToList(config.fieldNames()));
        assertEquals("./backends/graphite", config.get("backends").get(0).textValue());
        assertEquals("app", config.get("graphite").get("globalPrefix").textValue());
    }

    @Test
    void aMissingCommaIsReportedWithItsLineAndColumn() {
        LenientJson.SyntaxException e = assertThrows(LenientJson.SyntaxException.class,
                () -> LenientJson.parse("{\n  port: 8125\n  flushInterval: 1000\n}"));
        assertEquals(3, e.line());
        assertEquals(3, e.column());
    }

    @Test
    void anExpressionNeedingJavaScriptIsAnErrorAtItsPlace() {
        LenientJson.SyntaxException e = assertThrows(LenientJson.SyntaxException.class,
                () -> LenientJson.parse("{\n  graphite: { globalSuffix: require('os').hostname() }\n}"));
        assertEquals(2, e.line());
        assertEquals(36, e.column());   // Jackson points just past the word it could not read
        assertEquals(true, e.getMessage().startsWith("line 2, column 36: Unrecognized token 'require'"), e.getMessage());
    }

    @Test
    void textAfterTheValueIsAnErrorButCommentsAndASemicolonAreNot() {
        assertEquals(1, LenientJson.parse("{a: 1}; // done\n/* end */").get("a").intValue());
        LenientJson.SyntaxException e = assertThrows(LenientJson.SyntaxException.class,
                () -> LenientJson.parse("{a: 1}\n\n  x"));
        assertEquals(3, e.line());
        assertEquals(3, e.column());
    }

    @Test
    void anEmptyTextIsAnError() {
        assertThrows(LenientJson.SyntaxException.class, () -> LenientJson.parse("  // nothing\n"));
    }

    private static List<String> iterableToList(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
