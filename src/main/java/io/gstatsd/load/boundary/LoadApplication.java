package io.gstatsd.load.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The load answers are served at the root: {@code GET /1}, {@code /5/full}, ... */
@ApplicationPath("/")
public class LoadApplication extends Application {
}
