package io.gstatsd.graphite.control;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TimedConnectionTest {

    /** A carbon that reads everything the connection sends, until it closes. */
    private static CompletableFuture<byte[]> carbon(ServerSocket server) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                in.transferTo(received);
                return received.toByteArray();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aWriteOfManyChunksArrivesWholeAndInOrderAndLeavesTheBufferRead() throws Exception {
        byte[] text = new byte[3 * TimedConnection.WRITE_CHUNK_BYTES + 12_345];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) (i * 31 + (i >>> 16));
        }
        // a slice that starts inside its array and ends before its end, as the queued flushes do
        byte[] backing = new byte[text.length + 200];
        System.arraycopy(text, 0, backing, 100, text.length);
        ByteBuffer payload = ByteBuffer.wrap(backing, 100, text.length).asReadOnlyBuffer();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            CompletableFuture<byte[]> received = carbon(server);
            try (TimedConnection connection = TimedConnection.open("127.0.0.1", server.getLocalPort(), 5_000)) {
                connection.write(payload);
                assertEquals(100 + text.length, payload.position());
                assertEquals(100 + text.length, payload.limit(), "the limit is the caller's again");
                connection.write(ByteBuffer.wrap(new byte[] {'!'}));
            }
            byte[] expected = new byte[text.length + 1];
            System.arraycopy(text, 0, expected, 0, text.length);
            expected[text.length] = '!';
            assertArrayEquals(expected, received.get(30, TimeUnit.SECONDS));
        }
    }
}
