package dev.ticketsmith.testing;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The test catalogue's {@code checkout} service in a namespace of the mock API server: its stable
 * Deployment, Service and ALB Ingress wired to the weighted action; and the deployment controller's
 * part for its canary.
 */
public final class CheckoutCluster {

    private CheckoutCluster() {
    }

    /** A fresh stable {@code checkout} (image 1.4.1, all replicas ready), no canary. */
    public static void seed(KubernetesClient kube, String ns, int replicas) {
        kube.apps().deployments().inNamespace(ns).withName("checkout-canary").delete();
        kube.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
                .withNewMetadata().withName("checkout").withNamespace(ns).addToLabels("app", "checkout").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "checkout").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "checkout").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("registry.test/checkout:1.4.1").endContainer().endSpec()
                .endTemplate().endSpec()
                .withNewStatus().withReplicas(replicas).withReadyReplicas(replicas).withUpdatedReplicas(replicas).endStatus().build())
                .createOr(d -> d.update());
        kube.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("checkout").endMetadata()
                .withNewSpec().addToSelector("app", "checkout").addNewPort().withPort(80).withNewTargetPort(8080).endPort().endSpec().build())
                .createOr(s -> s.update());
        kube.network().v1().ingresses().inNamespace(ns).resource(new IngressBuilder().withNewMetadata().withName("checkout").endMetadata()
                .withNewSpec().addNewRule().withNewHttp().addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService()
                .withName("checkout-route").withNewPort().withName("use-annotation").endPort().endService().endBackend().endPath()
                .endHttp().endRule().endSpec().build()).createOr(i -> i.update());
    }

    /** The controller's part: whatever the canary asks for becomes ready (a lost pod stays lost until it is asked for again). */
    public static void canaryBecomesReady(KubernetesClient kube, String ns) {
        Deployment canary = kube.apps().deployments().inNamespace(ns).withName("checkout-canary").get();
        if (canary != null && (canary.getStatus() == null || canary.getStatus().getReplicas() == null
                || !canary.getStatus().getReplicas().equals(canary.getSpec().getReplicas()))) {
            kube.apps().deployments().inNamespace(ns).withName("checkout-canary").editStatus(d -> new DeploymentBuilder(d)
                    .withNewStatus().withReplicas(d.getSpec().getReplicas()).withReadyReplicas(d.getSpec().getReplicas())
                    .withUpdatedReplicas(d.getSpec().getReplicas()).endStatus().build());
        }
    }
}
