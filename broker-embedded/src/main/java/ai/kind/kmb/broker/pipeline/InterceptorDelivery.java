package ai.kind.kmb.broker.pipeline;

import ai.kind.kmb.Envelope;

/** A plugin's {@link Interceptor#onDelivery} hook as a delivery interceptor. */
record InterceptorDelivery(Interceptor interceptor) implements DeliveryInterceptor {

    @Override
    public Envelope onDelivery(DeliveryContext context, Envelope message) {
        return interceptor.onDelivery(context, message);
    }

    @Override
    public String name() {
        return interceptor.name();
    }
}
