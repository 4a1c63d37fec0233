package io.gstatsd.vocabulary.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Raw keys as the parser hands them over (DogStatsD tags after a ':') and the names they are counted under. */
class KeyCanonicalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "foo.bar|foo.bar",
        "'a b/c'|a_b-c",
        "foo:env:prod|foo;env=prod",
        "foo:region:eu,env:prod|foo;env=prod;region=eu",
        "foo:env:prod,region:eu|foo;env=prod;region=eu",
        "foo,region=eu,env=prod|foo;env=prod;region=eu",
        "foo#region=eu,env=prod|foo;env=prod;region=eu",
        "foo;region=eu;env=prod|foo;env=prod;region=eu",
        "foo,region=eu:env:prod|foo;env=prod;region=eu",
        "foo:canary|foo;canary=true",
        "foo:canary,env:prod|foo;canary=true;env=prod",
        "foo,canary|foo;canary=true",
        "foo:env:a,env:b|foo;env=b",
        "foo:env:b,env:a|foo;env=a",
        "foo,env=a:env:b|foo;env=b",
        "foo:name:x|foo;_name=x",
        "foo:url:http://h/p?q=1|foo;url=http--h-pq=1",
        "foo:k:a=b|foo;k=a=b",
        "foo:a;b:c;d|foo;ab=cd",
        "'foo:big bad:wolf x'|foo;big_bad=wolf_x",
        "foo:env:,:prod,,é:x|foo",
        "foo:|foo",
        "foo,|foo",
        "foo:a-b:1,a:2|foo;a-b=1;a=2",
        "foo:b.c:1,b:2|foo;b.c=1;b=2",
        ":env:prod|''",
        ",env=prod|''",
    })
    void tagsAreSortedAsCarbonSortsThemAndSanitised(String raw, String expected) {
        assertEquals(expected, KeyCanonicalizer.graphiteTagged(bytes(raw), 0, raw.length()));
    }

    @Test
    void everySpellingOfOneSeriesIsOneKey() {
        String[] spellings = {"api.hits:region:eu,env:prod", "api.hits:env:prod,region:eu", "api.hits,env=prod,region=eu",
            "api.hits#region=eu,env=prod", "api.hits;env=prod;region=eu", "api.hits,region=eu:env:prod"};
        for (String raw : spellings) {
            assertEquals("api.hits;env=prod;region=eu", KeyCanonicalizer.graphiteTagged(bytes(raw), 0, raw.length()), raw);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "foo:region:eu,env:prod|foo",
        "foo,env=prod|foo",
        "foo#env=prod|foo",
        "foo|foo",
    })
    void droppedTagsLeaveTheName(String raw, String expected) {
        assertEquals(expected, KeyCanonicalizer.untagged(bytes(raw), 0, raw.length()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "foo:region:eu,env:prod|foo.env_prod.region_eu",
        "foo,env=prod|foo.env_prod",
        "foo:host:web1.example.com|foo.host_web1_example_com",
        "foo:k8s.pod:p|foo.k8s_pod_p",
        "foo:canary|foo.canary_true",
        "foo|foo",
    })
    void foldedTagsBecomeOneNodeEach(String raw, String expected) {
        assertEquals(expected, KeyCanonicalizer.tagsInName(bytes(raw), 0, raw.length()));
    }

    @Test
    void readsOnlyTheGivenRange() {
        byte[] buf = "XXfoo:b:1,a:2YY".getBytes(StandardCharsets.US_ASCII);
        assertEquals("foo;a=2;b=1", KeyCanonicalizer.graphiteTagged(buf, 2, 11));
    }

    @ParameterizedTest(name = "{0} is its own name: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "foo.bar|true", "a-b_c.D9|true", "k=v|true", "x|true", "''|false",
        "foo;env=prod|false", "foo,env=prod|false", "foo#env=prod|false", "foo:env:prod|false",
        "'a b'|false", "a/b|false", "a\tb|false", "é|false", "a!|false",
    })
    void aKeyWithoutTagsOrAnythingToSanitiseIsItsOwnNameInEveryTagMode(String raw, boolean ownName) {
        byte[] buf = bytes("XX" + raw + "YY");
        assertEquals(ownName, KeyCanonicalizer.isOwnName(buf, 2, raw.length()));
        if (ownName) {
            assertEquals(raw, KeyCanonicalizer.graphiteTagged(buf, 2, raw.length()));
            assertEquals(raw, KeyCanonicalizer.untagged(buf, 2, raw.length()));
            assertEquals(raw, KeyCanonicalizer.tagsInName(buf, 2, raw.length()));
        }
    }

    private static byte[] bytes(String raw) {
        return raw.getBytes(StandardCharsets.ISO_8859_1);
    }
}
