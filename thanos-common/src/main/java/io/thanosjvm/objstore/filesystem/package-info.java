/**
 * The FILESYSTEM provider: objects are files under a root directory and directories are directories.
 * Meant for tests and demos, as in Thanos; not for network file systems.
 */
package io.thanosjvm.objstore.filesystem;
