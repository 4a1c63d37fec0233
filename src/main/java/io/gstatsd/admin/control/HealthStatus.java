package io.gstatsd.admin.control;

/**
 * Etsy's health status, which a load balancer or Etsy's {@code proxy.js} asks for with {@code health}: it only
 * changes on {@code health up} and {@code health down}; the server keeps receiving and flushing either way.
 * Thread-safe: any admin connection may read or set it.
 */
public final class HealthStatus {

    private volatile boolean up;

    public HealthStatus(boolean up) {
        this.up = up;
    }

    public boolean up() {
        return up;
    }

    public void set(boolean up) {
        this.up = up;
    }

    /** {@code up} or {@code down}, as Etsy answers. */
    public String text() {
        return up ? "up" : "down";
    }
}
