package io.gstatsd.graphite.control;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One flush's Graphite text written to carbon over {@link TimedConnection}, to a local reader that takes the
 * bytes as fast as it can ({@code carbonMBps} 0) or at a carbon's pace (carbon-cache parses a few tens of MB a
 * second). 156 MB is the text of flush_under_load.py's flush of 1,000,000 counters and 100,000 timers. Run it
 * with {@code -jvmArgsAppend -Xlog:safepoint:file=F} to see how long the writer keeps the JVM from a safepoint,
 * which is how long every other thread, the UDP receivers too, then stands still.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CarbonWriteBenchmark {

    @Param({"1000000", "156000000"})
    public int bytes;

    @Param({"0", "200"})
    public int carbonMBps;

    private ServerSocketChannel server;
    private Thread reader;
    private ByteBuffer flush;

    @Setup(Level.Trial)
    public void start() throws IOException {
        byte[] text = new byte[bytes];
        Arrays.fill(text, (byte) 'x');
        flush = ByteBuffer.wrap(text).asReadOnlyBuffer();
        server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        reader = new Thread(this::drainEveryConnection, "carbon");
        reader.setDaemon(true);
        reader.start();
    }

    private void drainEveryConnection() {
        ByteBuffer sink = ByteBuffer.allocateDirect(64 << 10);
        try {
            while (true) {
                try (SocketChannel connection = server.accept()) {
                    long started = System.nanoTime();
                    long taken = 0;
                    int read;
                    while ((read = connection.read(sink.clear())) >= 0) {
                        taken += read;
                        if (carbonMBps > 0) {
                            long due = started + taken * 1_000 / carbonMBps;
                            long early = due - System.nanoTime();
                            if (early > 0) {
                                TimeUnit.NANOSECONDS.sleep(early);
                            }
                        }
                    }
                }
            }
        } catch (IOException | InterruptedException closed) {
            // the trial is over
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        server.close();
    }

    @Benchmark
    public int write() throws IOException {
        InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
        try (TimedConnection connection = TimedConnection.open("127.0.0.1", address.getPort(), 10_000)) {
            ByteBuffer payload = flush.duplicate();
            connection.write(payload);
            return payload.position();
        }
    }
}
