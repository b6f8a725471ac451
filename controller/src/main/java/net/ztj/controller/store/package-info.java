/**
 * Storage of the controller's networks and members: the {@link net.ztj.controller.store.ControllerStore}
 * contract and its SQLite (default, one file) and PostgreSQL (shared by several controllers) implementations.
 */
package net.ztj.controller.store;
