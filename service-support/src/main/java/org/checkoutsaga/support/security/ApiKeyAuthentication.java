package org.checkoutsaga.support.security;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An API key as presented, and once checked, the {@link ApiClient} it belongs to.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final transient @Nullable String key;

	private final transient @Nullable ApiClient client;

	private ApiKeyAuthentication(String key) {
		super(List.of());
		this.key = key;
		this.client = null;
		setAuthenticated(false);
	}

	private ApiKeyAuthentication(ApiClient client) {
		super(client.roles().stream().map((role) -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
		this.key = null;
		this.client = client;
		super.setAuthenticated(true);
	}

	/**
	 * A key to be checked.
	 * @param key the key as sent
	 * @return the unchecked authentication
	 */
	static ApiKeyAuthentication presented(String key) {
		return new ApiKeyAuthentication(key);
	}

	/**
	 * A client whose key was checked.
	 * @param client the client the key belongs to
	 * @return the authentication, with a {@code ROLE_} authority per role
	 */
	static ApiKeyAuthentication of(ApiClient client) {
		return new ApiKeyAuthentication(client);
	}

	@Override
	public @Nullable Object getCredentials() {
		return this.key;
	}

	@Override
	public Object getPrincipal() {
		return (this.client != null) ? this.client.name() : "(unchecked API key)";
	}

	@Override
	public void setAuthenticated(boolean authenticated) {
		if (authenticated) {
			throw new IllegalArgumentException("Only ApiKeys can authenticate an API key");
		}
		super.setAuthenticated(false);
	}

}
