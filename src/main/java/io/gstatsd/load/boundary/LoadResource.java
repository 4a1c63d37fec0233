package io.gstatsd.load.boundary;

import io.gstatsd.load.control.LoadSink;
import io.gstatsd.load.control.LoadText;
import io.gstatsd.load.entity.WindowSpec;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * {@code GET /1}, {@code /5}, {@code /15} (up to the last flush) and {@code /1/full}, {@code /5/full},
 * {@code /15/full} (complete minutes only): plain text by default, JSON for {@code Accept: application/json},
 * {@code ?prefix=a.b} for the keys under a.b. Any other N is a 404 with a one-line reason; other paths and
 * methods are answered by {@link PlainErrors}. {@code GET /} is the live page for a browser and a line
 * naming the paths for anything else.
 */
@Path("/")
public class LoadResource {

    private static final String JSON = MediaType.APPLICATION_JSON;
    static final String SINK_OFF = "the load sink is off: start gstatsd with -t load or -l [host]:port";

    @Inject
    LoadState state;

    @Inject
    AnswerTimes times;

    @GET
    public Response index(@HeaderParam(HttpHeaders.ACCEPT) String accept) {
        if (state.sink().isEmpty()) {
            return notFound(SINK_OFF);
        }
        if (accept != null && accept.contains(MediaType.TEXT_HTML)) {
            return Response.ok(LivePage.HTML, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
        }
        return Response.ok("gstatsd load sink: GET /1, /5, /15, /1/full, /5/full, /15/full; /live for the live page's "
                + "rows; open / in a browser for the live page\n", MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build();
    }

    @GET
    @Path("{minutes}")
    public Response window(@PathParam("minutes") String minutes, @QueryParam("prefix") String prefix,
                           @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return answer(minutes, false, prefix, accept);
    }

    @GET
    @Path("{minutes}/full")
    public Response fullWindow(@PathParam("minutes") String minutes, @QueryParam("prefix") String prefix,
                               @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return answer(minutes, true, prefix, accept);
    }

    private Response answer(String minutes, boolean full, String prefix, String accept) {
        long started = System.nanoTime();
        Optional<LoadSink> sink = state.sink();
        if (sink.isEmpty()) {
            return notFound(SINK_OFF);
        }
        Optional<WindowSpec> window = WindowSpec.parse(minutes, full);
        if (window.isEmpty()) {
            return notFound("no window of " + minutes + " minutes: use 1, 5 or 15");
        }
        var answer = sink.get().answer(window.get());
        Response response = accept != null && accept.contains(JSON)
                ? Response.ok(LoadText.json(answer, prefix), JSON).build()
                : Response.ok(LoadText.plain(answer, prefix), MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build();
        times.window(window.get(), started);
        return response;
    }

    static Response notFound(String reason) {
        return Response.status(Response.Status.NOT_FOUND).entity(reason + "\n").type(MediaType.TEXT_PLAIN).build();
    }
}
