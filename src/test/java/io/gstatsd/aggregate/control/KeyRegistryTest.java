package io.gstatsd.aggregate.control;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A name registered from a key's bytes is kept as bytes until a drain reads the names: until then it must be
 * the same name, under the same id, to every look-up, whether by bytes or by String, and a released id must
 * carry no recent name into its next key.
 */
class KeyRegistryTest {

    private static final byte[] PREFIX = "p.".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void aNameFromBytesIsTheSameNameToAStringLookupBeforeAndAfterTheDrainReadsIt() {
        KeyRegistry registry = new KeyRegistry(new KeyBudget(100));
        int fromBytes = idOfBytes(registry, "a.b");
        int other = idOfBytes(registry, "a.c");
        assertNotEquals(fromBytes, other);
        assertEquals(fromBytes, registry.idOf("p.a.b"), "a String look-up finds the recent name");
        assertEquals(fromBytes, idOfBytes(registry, "a.b"), "a bytes look-up finds the recent name");
        assertEquals(2, registry.live());
        assertArrayEquals(new String[] {"p.a.b", "p.a.c"}, registry.names());
        assertEquals(fromBytes, registry.idOf("p.a.b"), "and the settled one");
        assertEquals(other, idOfBytes(registry, "a.c"));
        assertEquals(2, registry.live());
    }

    @Test
    void aNameFromAStringIsFoundByItsBytes() {
        KeyRegistry registry = new KeyRegistry(new KeyBudget(100));
        int id = registry.idOf("p.x\u00e9");
        assertEquals(id, registry.idOf(PREFIX, new byte[] {'x', (byte) 0xe9}, 0, 2, "p.x\u00e9".hashCode()));
        assertEquals(1, registry.live());
    }

    @Test
    void bytesNeverMatchANameBeyondLatin1() {
        KeyRegistry registry = new KeyRegistry(new KeyBudget(100));
        String wide = "p.\u0101";   // one char, its low byte 0x01
        int id = registry.idOf(wide);
        int fromBytes = registry.idOf(PREFIX, new byte[] {1}, 0, 1, wide.hashCode());   // the same hash on purpose
        assertNotEquals(id, fromBytes);
        assertArrayEquals(new String[] {wide, "p.\u0001"}, registry.names());
    }

    @Test
    void aReleasedIdTakesItsNextNameNotItsRecentOne() {
        KeyRegistry registry = new KeyRegistry(new KeyBudget(100));
        int old = idOfBytes(registry, "old");
        registry.markRetiring(new int[] {old});
        assertTrue(registry.releaseUnlessRevived(old));
        int next = idOfBytes(registry, "new");
        assertEquals(old, next, "the id is reused");
        assertEquals("p.new", registry.nameOf(next));
        assertEquals(-1, registry.find("p.old"));
        assertNotEquals(next, idOfBytes(registry, "old"), "the old name is a new key again");
    }

    @Test
    void aBurstOfNamesBetweenTwoDrainsKeepsEveryNameAndItsId() {
        KeyRegistry registry = new KeyRegistry(new KeyBudget(1_000_000));
        int[] ids = new int[200_000];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = idOfBytes(registry, "burst.k" + k);
        }
        for (int k = 0; k < ids.length; k += 997) {
            assertEquals(ids[k], registry.idOf("p.burst.k" + k));
        }
        String[] names = registry.names();
        for (int k = 0; k < ids.length; k++) {
            assertEquals("p.burst.k" + k, names[ids[k]]);
        }
        assertEquals(ids[12_345], idOfBytes(registry, "burst.k12345"));
        assertEquals(ids.length, registry.live());
    }

    private static int idOfBytes(KeyRegistry registry, String key) {
        byte[] bytes = ("junk" + key + "junk").getBytes(StandardCharsets.ISO_8859_1);
        return registry.idOf(PREFIX, bytes, 4, bytes.length - 8, ("p." + key).hashCode());
    }
}
