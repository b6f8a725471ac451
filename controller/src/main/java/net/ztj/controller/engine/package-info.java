/** How the controller answers a member: the pieces of a configuration computed from the network and member records. */
package net.ztj.controller.engine;
