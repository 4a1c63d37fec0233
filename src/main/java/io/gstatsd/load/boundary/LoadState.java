package io.gstatsd.load.boundary;

import io.gstatsd.configuration.entity.ServerConfig;
import io.gstatsd.configuration.entity.SinkType;
import io.gstatsd.flush.control.Sink;
import io.gstatsd.flush.control.SinkSource;
import io.gstatsd.load.control.LiveRows;
import io.gstatsd.load.control.LoadFormatter;
import io.gstatsd.load.control.LoadSink;
import io.gstatsd.load.control.MinuteFrames;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Holds the load sink when it is on ({@code -t load} or {@code -l}), for the flush and the HTTP resource. */
@ApplicationScoped
public class LoadState implements SinkSource {

    @Inject
    ServerConfig config;

    @Inject
    Clock clock;

    @Resource
    ManagedThreadFactory threads;

    private LoadSink sink;
    private LiveRows liveRows;

    @PostConstruct
    void create() {
        if (config.hasSinkType(SinkType.LOAD) || config.loadBind() != null) {
            sink = new LoadSink(new MinuteFrames(new LoadFormatter(config.percentThresholds()), clock.millis()),
                    clock, threads);
            liveRows = new LiveRows(config.percentThresholds());
        }
    }

    public Optional<LoadSink> sink() {
        return Optional.ofNullable(sink);
    }

    /** The live page's rows, when the sink is on. */
    public LiveRows liveRows() {
        return liveRows;
    }

    @Override
    public List<Sink> sinks() {
        return sink == null ? List.of() : List.of(sink);
    }
}
