package io.gstatsd.aggregate.control;

import io.gstatsd.configuration.entity.TagMode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The key table's own hash and the registry's names, for keys of every length and wherever they stand. */
class KeyTableTest {

    @Test
    void aKeyHasOneIdWhereverItsBytesStandAndWhateverItsLength() {
        KeyRegistry registry = new KeyRegistry(new KeyBudget(1_000));
        KeyTable table = new KeyTable(registry, "p", TagMode.GRAPHITE);
        for (int length = 1; length <= 40; length++) {
            String key = "k".repeat(length - 1) + (char) ('a' + length % 26);
            byte[] alone = key.getBytes(StandardCharsets.US_ASCII);
            byte[] inside = ("x:1|c\n" + key + ":1|c").getBytes(StandardCharsets.US_ASCII);
            int id = table.idOf(alone, 0, length);
            assertEquals(id, table.idOf(inside, 6, length), key);
            assertEquals(KeyTable.hash(alone, 0, length), KeyTable.hash(inside, 6, length), key);
            assertEquals("p." + key, registry.nameOf(id));
            assertEquals(id, registry.idOf("p." + key), "the name found again by its String");
        }
    }

    @Test
    void keysDifferingInOneByteHashApart() {
        byte[] a = "service.requests.k1000000".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "service.requests.k1000001".getBytes(StandardCharsets.US_ASCII);
        byte[] c = "service.requests.j1000000".getBytes(StandardCharsets.US_ASCII);
        assertNotEquals(KeyTable.hash(a, 0, a.length) & 0xffff, KeyTable.hash(b, 0, b.length) & 0xffff);
        assertNotEquals(KeyTable.hash(a, 0, a.length) & 0xffff, KeyTable.hash(c, 0, c.length) & 0xffff);
    }
}
