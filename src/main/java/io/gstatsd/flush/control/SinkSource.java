package io.gstatsd.flush.control;

import java.util.List;

/**
 * A sink capability (Graphite, load, ...) as the flush sees it: the sinks it built from the configuration,
 * none when it is off. The flush collects every source there is, so a new sink never touches this package.
 */
public interface SinkSource {

    List<Sink> sinks();
}
