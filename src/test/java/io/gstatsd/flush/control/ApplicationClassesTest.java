package io.gstatsd.flush.control;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What Payara's shutdown does to the last flush, in small: the class loader closes under it. */
class ApplicationClassesTest {

    @Test
    void classesLoadedAtStartStillResolveAfterTheLoaderClosesOthersDoNot() throws Exception {
        URL classes = Path.of("target/classes").toUri().toURL();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
        int loaded = ApplicationClasses.preload(loader, "io.gstatsd.graphite");
        assertTrue(loaded >= 10, "loaded " + loaded);
        loader.close();
        assertEquals(loader, loader.loadClass("io.gstatsd.graphite.control.TimedConnection").getClassLoader());
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("io.gstatsd.load.control.LoadText"),
                "the control: a class first asked for after the close");
    }
}
