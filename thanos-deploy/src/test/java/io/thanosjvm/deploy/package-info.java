/**
 * Deployment tests: the Helm chart ({@code charts/thanos}) linted and rendered through helm-java for every value
 * set, every rendered command line fed to its component's flag parser, the pods checked against what the
 * components serve; the assembled distribution the container image copies, started as the image starts it.
 */
package io.thanosjvm.deploy;
