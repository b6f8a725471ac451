package net.ztj.core.node;

import net.ztj.core.identity.Identity;
import net.ztj.core.wire.Endpoint;

/**
 * A NETWORK_CONFIG_REQUEST for a network of this node's embedded controller, as the node hands it out (spec 04 §2):
 * everything the controller needs to answer it and the node needs to send the answer back later, after the packet
 * itself is gone.
 *
 * @param requester   the member's identity (authenticated by VL1), or this node's own when it asks its own controller
 * @param networkId   the network asked for
 * @param metadata    the request's metadata dictionary, raw (the node's own copy)
 * @param packetId    the request's packet id, answered in the OK or ERROR; never 0 (0 marks the controller's pushes)
 * @param localSocket the socket the request arrived on; an ERROR goes back through it
 * @param from        the physical address the request came from (a relay's when it was relayed), or null for this
 *                    node's own request
 * @param arrivalMs   when the node received it: the time the controller's rate limit is judged at
 */
public record ControllerRequest(Identity requester, long networkId, byte[] metadata, long packetId, long localSocket,
                                Endpoint from, long arrivalMs) {}
