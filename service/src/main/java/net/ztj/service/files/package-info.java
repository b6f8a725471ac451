/** Writing state files whole (temporary file and rename), secrets 0600. */
package net.ztj.service.files;
