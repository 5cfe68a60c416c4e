package org.checkoutsaga.support.security;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The API clients a service accepts, by name, under {@code <service>.security}:
 *
 * <pre>
 * checkout:
 *   security:
 *     clients:
 *       shop:
 *         key-sha256: 9f86d081...   # or key: the key itself
 *         roles: CHECKOUT
 * </pre>
 *
 * A client sends its key as {@code Authorization: Bearer <key>}.
 *
 * @param clients the clients by name; none means every request but health and info is
 * refused
 */
public record ApiClientProperties(@DefaultValue Map<String, Client> clients) {

	/**
	 * One API client.
	 *
	 * @param key the key itself; pass it in from a secret (an environment variable such
	 * as {@code CHECKOUT_SECURITY_CLIENTS_SHOP_KEY}), never from a file in version
	 * control
	 * @param keySha256 instead of the key, its SHA-256 digest in hex
	 * ({@code printf %s "$KEY" | sha256sum}), so the configuration holds no secret
	 * @param roles what the client may do, from {@link ApiRoles}
	 */
	public record Client(@Nullable String key, @Nullable String keySha256, @DefaultValue Set<String> roles) {
	}

}
