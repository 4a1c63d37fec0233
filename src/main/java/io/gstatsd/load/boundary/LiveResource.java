package io.gstatsd.load.boundary;

import io.gstatsd.load.control.LoadSink;
import io.gstatsd.load.entity.LiveQuery;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * {@code GET /live?startsWith=api.&sort=rate|name&limit=300}: the live page's rows as JSON (see
 * {@link io.gstatsd.load.control.LiveRows}); a bad sort or limit is a 400 with a one-line reason.
 */
@Path("live")
public class LiveResource {

    @Inject
    LoadState state;

    @Inject
    AnswerTimes times;

    @GET
    public Response rows(@QueryParam("startsWith") String startsWith, @QueryParam("sort") String sort,
                         @QueryParam("limit") String limit) {
        long started = System.nanoTime();
        Optional<LoadSink> sink = state.sink();
        if (sink.isEmpty()) {
            return LoadResource.notFound(LoadResource.SINK_OFF);
        }
        String problem = LiveQuery.problem(sort, limit);
        if (problem != null) {
            return Response.status(Response.Status.BAD_REQUEST).entity(problem + "\n").type(MediaType.TEXT_PLAIN).build();
        }
        String json = state.liveRows().json(sink.get().view(), LiveQuery.of(startsWith, sort, limit));
        times.live(started);
        return Response.ok(json, MediaType.APPLICATION_JSON).header("Cache-Control", "no-store").build();
    }
}
