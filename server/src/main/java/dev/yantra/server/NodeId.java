package dev.yantra.server;

import java.net.InetAddress;
import java.util.UUID;

/** This process's name in leases, job locks and pg_stat_activity: host, pid and a random suffix. */
public record NodeId(String value) {
    public static NodeId generate() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        return new NodeId(host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 6));
    }

    @Override
    public String toString() {
        return value;
    }
}
