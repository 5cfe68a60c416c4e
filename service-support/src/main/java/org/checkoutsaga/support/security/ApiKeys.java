package org.checkoutsaga.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * The API clients a service accepts, found by key. Keys are kept and compared as SHA-256
 * digests only: the lookup time says nothing about a stored key, and configuration may
 * hold the digest instead of the key.
 */
public final class ApiKeys implements AuthenticationProvider {

	private static final Log logger = LogFactory.getLog(ApiKeys.class);

	private final Map<String, ApiClient> byDigest;

	private ApiKeys(Map<String, ApiClient> byDigest) {
		this.byDigest = byDigest;
	}

	/**
	 * The clients of a service's configuration, checked: each has exactly one of
	 * {@code key} and {@code key-sha256}, known roles only, and no two share a key.
	 * @param prefix where the clients are configured, e.g. {@code checkout.security}, for
	 * the error messages
	 * @param properties the clients
	 * @return the clients by key
	 * @throws IllegalArgumentException naming the property at fault
	 */
	public static ApiKeys of(String prefix, ApiClientProperties properties) {
		Map<String, ApiClient> byDigest = new HashMap<>();
		properties.clients().forEach((name, client) -> {
			String property = prefix + ".clients." + name;
			String digest = digestOf(property, client);
			Set<String> roles = new TreeSet<>();
			for (String role : client.roles()) {
				String known = role.trim().toUpperCase(Locale.ROOT);
				if (!ApiRoles.ALL.contains(known)) {
					throw new IllegalArgumentException(
							property + ".roles: unknown role '" + role + "', expected some of " + ApiRoles.ALL);
				}
				roles.add(known);
			}
			ApiClient previous = byDigest.put(digest, new ApiClient(name, Set.copyOf(roles)));
			if (previous != null) {
				throw new IllegalArgumentException(
						property + ": same key as client '" + previous.name() + "'; give each client its own");
			}
		});
		if (byDigest.isEmpty()) {
			logger.warn("No API clients configured (" + prefix
					+ ".clients): every request except health and info will be refused");
		}
		return new ApiKeys(Map.copyOf(byDigest));
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Object key = authentication.getCredentials();
		ApiClient client = (key instanceof String text) ? this.byDigest.get(sha256(text)) : null;
		if (client == null) {
			throw new BadCredentialsException("Unknown API key");
		}
		return ApiKeyAuthentication.of(client);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return ApiKeyAuthentication.class.isAssignableFrom(authentication);
	}

	private static String digestOf(String property, ApiClientProperties.Client client) {
		boolean hasKey = client.key() != null && !client.key().isBlank();
		boolean hasDigest = client.keySha256() != null && !client.keySha256().isBlank();
		if (hasKey == hasDigest) {
			throw new IllegalArgumentException(property + ": set exactly one of key and key-sha256");
		}
		if (hasKey) {
			return sha256(client.key());
		}
		String digest = client.keySha256().trim().toLowerCase(Locale.ROOT);
		if (!digest.matches("[0-9a-f]{64}")) {
			throw new IllegalArgumentException(property + ".key-sha256: expected 64 hex digits");
		}
		return digest;
	}

	static String sha256(String key) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
