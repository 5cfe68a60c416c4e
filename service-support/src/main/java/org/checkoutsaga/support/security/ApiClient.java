package org.checkoutsaga.support.security;

import java.util.Set;

/**
 * An API client that proved who it is.
 *
 * @param name its name in the configuration, e.g. {@code shop}
 * @param roles what it may do, from {@link ApiRoles}
 */
public record ApiClient(String name, Set<String> roles) {
}
