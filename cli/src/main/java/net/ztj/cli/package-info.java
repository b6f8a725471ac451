/** The command-line tools: zerotier-idtool and zerotier-cli, one class per command. */
package net.ztj.cli;
