/**
 * The API's resources, one class each: they turn the node's snapshot records into the JSON objects of spec 05 §5.7
 * and register their routes.
 */
package net.ztj.service.api.resource;
