/** What the service needs of the operating system beyond the JDK's portable API: the real uid and signals. */
package net.ztj.service.platform;
