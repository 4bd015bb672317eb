package io.dtf.security.ignite;

import java.util.concurrent.Callable;
import org.apache.ignite.Ignite;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.security.OperationSecurityContext;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.services.ServiceCallInterceptor;
import org.apache.ignite.services.ServiceContext;

/**
 * Runs each call of a DTF service as the node that hosts it. Ignite runs a service method in the
 * security context of its caller, so without this a thin client's call would be refused the cache
 * writes the coordinator makes for it (a thin client may touch no cache itself). The caller's
 * rights are checked before: Ignite checks that it may invoke the service, and the service checks
 * its token's role per method.
 *
 * <p>Harmless on a grid without security: the node's context is the only one there.
 */
public final class RunAsNode implements ServiceCallInterceptor {
    private static final long serialVersionUID = 1L;

    @IgniteInstanceResource
    private transient Ignite ignite;

    @Override
    public Object invoke(String method, Object[] args, ServiceContext context, Callable<Object> next) throws Exception {
        if (!(ignite instanceof IgniteEx node) || !node.context().security().enabled()) {
            return next.call();
        }
        try (OperationSecurityContext ignored = node.context().security().withContext(node.localNode().id())) {
            return next.call();
        }
    }
}
