package dev.yantra.walletjobs;

import dev.yantra.jobs.PendingJobRunner;

import dev.yantra.control.ControlPlane;
import dev.yantra.control.RuntimeSetting;

/**
 * Applies the runtime settings jobs.concurrency and jobs.maxAttempts (playbooks 5 and 6: "lower the job
 * concurrency while the wallet recovers") to a running job runner on every change the control plane sees,
 * within its poll (500 ms), without a restart. Unset, the node's env values (PENDING_JOB_*) apply again.
 */
public final class LiveJobSettings {
    private LiveJobSettings() {
    }

    public static void bind(ControlPlane control, PendingJobRunner<?> runner, int envConcurrency, int envMaxAttempts) {
        control.onChange(snapshot -> {
            runner.resize(snapshot.setting(RuntimeSetting.JOBS_CONCURRENCY, envConcurrency));
            runner.maxAttempts(snapshot.setting(RuntimeSetting.JOBS_MAX_ATTEMPTS, envMaxAttempts));
        });
    }
}
