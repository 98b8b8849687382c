/** Logfmt output of the command-line tools, in the shape of Thanos' go-kit logger. */
package io.thanosjvm.tools.logfmt;
