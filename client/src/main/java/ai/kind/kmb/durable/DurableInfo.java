package ai.kind.kmb.durable;

/**
 * A durable consumer as the broker that answered knows it: its name, filter and group (null
 * without one), its progress through the log, and what that broker does for it now.
 *
 * @param lag how many offsets the log runs past the durable's position: an upper bound on the
 *            messages still to take, since offsets its filter skips count too
 */
public record DurableInfo(String name, String filter, String group, DurableProgress progress, long lag,
                          NodeActivity here) {

    public long unsettled() {
        return progress.unsettled();
    }
}
