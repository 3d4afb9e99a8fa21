package ai.kind.kmb.remote;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.durable.DurableAdmin;
import ai.kind.kmb.durable.DurableInfo;
import java.util.List;

/** The durable consumers of a KMB server, over its {@code /v1/durables} routes. */
final class RemoteDurables implements DurableAdmin {
    private final RestClient rest;

    RemoteDurables(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public List<DurableInfo> list() {
        return rest.durables();
    }

    @Override
    public DurableInfo get(String name) {
        return rest.durable(name);
    }

    @Override
    public boolean delete(String name) {
        try {
            rest.deleteDurable(name);
            return true;
        } catch (KmbException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }
}
