/**
 * A small HTTP/1.1 server that answers exactly as the reference's (cpp-httplib) does on the wire (spec 05 §5.2):
 * header names as written, sorted, {@code Keep-Alive: timeout=5, max=5}, at most five requests per connection, a
 * five-second idle timeout, no {@code Date}, no need for a {@code Host} header. The JDK's com.sun.net.httpserver
 * lower-cases header names ({@code Content-type}), always adds {@code Date} and cannot limit requests per
 * connection, so it is not used. It defends itself as the reference does not ({@link HttpLimits}): requests are
 * judged from their head before any body byte is read, bodies and heads are bounded, every request has a deadline,
 * and connections without a valid token cannot crowd out those with one.
 */
package net.ztj.service.api.http;
