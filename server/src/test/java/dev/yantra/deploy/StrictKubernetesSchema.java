package dev.yantra.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates one Kubernetes object (a parsed YAML document) against the Kubernetes API with no cluster: the object
 * is read into fabric8's generated model of the API (the classes are generated from the Kubernetes OpenAPI schemas
 * and the Prometheus Operator's CRDs), with scalar coercion off so a string where a number belongs fails, and then
 * every node of the tree is asked for its {@code additionalProperties}: fabric8 keeps there what the schema does not
 * know, so a non-empty one anywhere is an unknown (usually misspelt) field — what the API server's strict field
 * validation refuses. A kind without a model here is a violation too, never silently passed.
 *
 * <p>What it does not check: required fields and value formats (the API server's job on apply).
 */
final class StrictKubernetesSchema {
    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("batch/v1/CronJob", CronJob.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class));

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private StrictKubernetesSchema() {}

    /** The violations of one object, each naming the object and the path of the offending field; empty when valid. */
    static List<String> violations(Map<String, Object> object) {
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String kind = String.valueOf(object.get("kind"));
        String name = object.get("metadata") instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : "?";
        String id = kind + "/" + name;
        Class<?> model = MODELS.get(apiVersion + "/" + kind);
        if (model == null) {
            return List.of(id + ": no schema for apiVersion " + apiVersion + " kind " + kind
                    + " (add its fabric8 model to StrictKubernetesSchema)");
        }
        Object typed;
        try {
            typed = MAPPER.convertValue(object, model);
        } catch (IllegalArgumentException e) {
            return List.of(id + ": does not match the " + kind + " schema: " + e.getMessage());
        }
        List<String> found = new ArrayList<>();
        walk(typed, "", id, found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object node, String path, String id, List<String> found, Set<Object> seen) {
        if (node == null || !seen.add(node)) return;
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) walk(list.get(i), path + "[" + i + "]", id, found, seen);
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, id, found, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) return;
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())) continue;
            String field = propertyName(getter.getName());
            if (field == null || field.equals("class")) continue;
            Object value;
            try {
                value = getter.invoke(node);
            } catch (InvocationTargetException e) {
                // a derived getter (Quantity's numerical amount) refusing the value: that value is malformed
                found.add(id + ": invalid value at " + path.substring(Math.min(1, path.length())) + ": " + e.getCause().getMessage());
                continue;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + getter, e);
            }
            if (field.equals("additionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    for (Object key : extra.keySet()) {
                        found.add(id + ": unknown field " + (path.isEmpty() ? "" : path.substring(1) + ".") + key);
                    }
                }
                continue;
            }
            walk(value, path + "." + field, id, found, seen);
        }
    }

    private static String propertyName(String method) {
        String rest = method.startsWith("get") ? method.substring(3) : method.startsWith("is") ? method.substring(2) : null;
        if (rest == null || rest.isEmpty()) return null;
        return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
    }
}
