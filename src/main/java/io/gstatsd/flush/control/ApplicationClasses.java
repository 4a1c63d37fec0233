package io.gstatsd.flush.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads every class of the application once, at start-up. Payara Micro runs its own JVM shutdown hook
 * beside the one that sends the last flush, and closes the application's class loader meanwhile: a class
 * the shutdown path used for the first time then failed to load (NoClassDefFoundError for TimedConnection,
 * Snapshot, ... in about one SIGTERM of three). Classes are loaded, not initialised: no static code runs.
 */
public final class ApplicationClasses {

    private ApplicationClasses() {
    }

    /** @return how many classes under {@code packageName} were loaded */
    public static int preload(ClassLoader loader, String packageName) {
        String root = packageName.replace('.', '/');
        List<String> names = new ArrayList<>();
        try {
            Enumeration<URL> places = loader.getResources(root);
            while (places.hasMoreElements()) {
                names.addAll(classNames(places.nextElement(), root));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the application's classes under " + root, e);
        }
        int loaded = 0;
        for (String name : names) {
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                // a class that cannot load now would not load at shutdown either: nothing is lost
            }
        }
        return loaded;
    }

    private static List<String> classNames(URL place, String root) throws IOException {
        if ("jar".equals(place.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) place.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                return jar.stream().map(entry -> entry.getName())
                        .filter(name -> name.startsWith(root + "/") && name.endsWith(".class"))
                        .map(ApplicationClasses::className).toList();
            }
        }
        if (!"file".equals(place.getProtocol())) {
            return List.of();
        }
        Path directory;
        try {
            directory = Path.of(place.toURI());
        } catch (URISyntaxException e) {
            return List.of();
        }
        Path base = directory;
        for (int i = 0; i < root.split("/").length; i++) {
            base = base.getParent();
        }
        Path classesRoot = base;
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> className(classesRoot.relativize(file).toString().replace('\\', '/'))).toList();
        }
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
