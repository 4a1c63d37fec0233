package io.gstatsd.ingest.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KernelDropsTest {

    @Test
    void sumsTheDropsOfEverySocketOnThePortInBothTables(@TempDir Path dir) throws IOException {
        Path udp = dir.resolve("udp");
        Path udp6 = dir.resolve("udp6");
        Files.writeString(udp, """
                   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
                15499: 0100007F:1FBD 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 9861 2 000000009926d113 17
                15500: 0100007F:1FBD 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 9862 2 000000009926d114 3
                15501: 0100007F:1FBE 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 9863 2 000000009926d115 1000
                """);
        Files.writeString(udp6, """
                  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
                  12: 00000000000000000000000000000000:1FBD 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 9870 2 0000000000000000 5
                """);
        assertEquals(25, new KernelDrops(8125, List.of(udp, udp6)).getAsLong());
    }

    @Test
    void aMissingTableCountsAsNoDrops(@TempDir Path dir) {
        assertEquals(0, new KernelDrops(8125, List.of(dir.resolve("absent"))).getAsLong());
    }
}
