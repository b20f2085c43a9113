/**
 * Tests of the deployment files under deploy/: the Kubernetes manifests rendered offline by {@code kubectl kustomize}
 * and validated strictly against the Kubernetes API models ({@link dev.yantra.deploy.StrictKubernetesSchema}), their
 * probes, shutdown arithmetic and disruption budgets, and the kubectl commands the operations docs give.
 */
package dev.yantra.deploy;
