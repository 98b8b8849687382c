/** Fuzz campaigns that span packages: every configuration file format a user or operator hands the suite. */
package io.thanosjvm.fuzz;
