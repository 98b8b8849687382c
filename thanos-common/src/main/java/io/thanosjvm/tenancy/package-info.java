/**
 * Tenants on the read path, as Thanos' {@code pkg/tenancy}: the tenant of a request (a header, or the default
 * tenant), which names are valid tenants, and the enforcement that confines a query to its tenant's series by a
 * label matcher ({@code --query.enforce-tenancy}).
 */
package io.thanosjvm.tenancy;
