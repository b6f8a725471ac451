package net.ztj.core.network.rules;

/** Whether a frame is being received from a peer or sent from our tap. */
public enum Direction { INBOUND, OUTBOUND }
