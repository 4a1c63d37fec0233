package io.gstatsd.load.boundary;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Every HTTP error is a status and one line of text, never a stack trace or an HTML page. */
@Provider
public class PlainErrors implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(PlainErrors.class.getName());

    @Override
    public Response toResponse(Throwable error) {
        if (error instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            String reason = switch (status) {
                case 404 -> "no such path: try /1, /5, /15 or /1/full, /5/full, /15/full, or / in a browser";
                case 405 -> "method not allowed: the load answers are read-only, use GET";
                default -> web.getResponse().getStatusInfo().getReasonPhrase();
            };
            return Response.status(status).entity(reason + "\n").type(MediaType.TEXT_PLAIN).build();
        }
        LOG.log(Level.WARNING, "load request failed", error);
        return Response.serverError().entity("internal error\n").type(MediaType.TEXT_PLAIN).build();
    }
}
