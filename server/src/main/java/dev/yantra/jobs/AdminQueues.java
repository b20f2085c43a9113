package dev.yantra.jobs;

import dev.yantra.config.NotFoundException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every queue the admin tools act on, by name ({@code --queue wallet|banca}) or by job id (a retry or completion
 * by id finds the queue that holds the job, so an operator never has to say which).
 */
public final class AdminQueues {
    public static final String DEFAULT = "wallet";

    private final List<AdminQueue> queues;

    public AdminQueues(List<AdminQueue> queues) {
        if (queues.stream().map(AdminQueue::name).distinct().count() != queues.size()) {
            throw new IllegalArgumentException("two queues share a name: " + names(queues));
        }
        this.queues = List.copyOf(queues);
    }

    public List<String> names() {
        return queues.stream().map(AdminQueue::name).toList();
    }

    private static String names(List<AdminQueue> queues) {
        return queues.stream().map(AdminQueue::name).collect(Collectors.joining(", "));
    }

    /** The queue called {@code name} (null or blank: the wallet queue); IllegalArgumentException for another name. */
    public AdminQueue named(String name) {
        String n = name == null || name.isBlank() ? DEFAULT : name.trim();
        return queues.stream().filter(q -> q.name().equals(n)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("queue must be one of " + names(queues) + ", was '" + name + "'"));
    }

    /** The queue holding job {@code id}; NotFoundException when none does. */
    public AdminQueue holding(UUID id) {
        return queues.stream().filter(q -> q.holds(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("no " + queues.stream().map(q -> "pending " + q.name() + " job")
                        .collect(Collectors.joining(" or ")) + " " + id));
    }
}
