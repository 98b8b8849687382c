/** HTTP server plumbing shared by every component: Thanos' HTTP metric families and handler names. */
package io.thanosjvm.server.http;
