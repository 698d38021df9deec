package de.dockeragents.mailer.platform.entity;

/** A fenced write was refused: the lease has passed to another instance since this one took it. */
public class LeaseLost extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LeaseLost(Fence fence) {
        super("lease " + fence.lease() + " (token " + fence.token() + ") is held by another instance now");
    }
}
