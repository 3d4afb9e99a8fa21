package ai.kind.kmb.durable;

import java.util.List;

/**
 * What an operator does with durable consumers, in process or over the REST API: see them, with
 * their progress and what is unsettled, and delete them.
 */
public interface DurableAdmin {

    /** Every durable the broker's store knows, and any it runs that the store has not saved yet, by name. */
    List<DurableInfo> list();

    /** One durable, or a {@link ai.kind.kmb.KmbException} with code {@code not_found}. */
    DurableInfo get(String name);

    /**
     * Stops the durable and forgets its position and unsettled messages; true if it existed. On a
     * shared bus its group goes too; a node still serving it starts it again from the retained log.
     */
    boolean delete(String name);
}
