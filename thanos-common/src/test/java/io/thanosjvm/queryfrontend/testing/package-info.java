/** Test peers of the query frontend: a shared real Prometheus with days of data and a fault-injecting pass-through. */
package io.thanosjvm.queryfrontend.testing;
