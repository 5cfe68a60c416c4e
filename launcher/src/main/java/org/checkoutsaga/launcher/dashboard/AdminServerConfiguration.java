package org.checkoutsaga.launcher.dashboard;

import de.codecentric.boot.admin.server.config.EnableAdminServer;
import de.codecentric.boot.admin.server.web.client.HttpHeadersProvider;
import org.checkoutsaga.launcher.DevCredentials;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

/**
 * The Spring Boot Admin server as a Spring context of its own. The launcher's class path
 * holds the services' infrastructure too: the dashboard has no database, no Kafka client
 * and no security of its own (it listens on the loopback address only). It reads the
 * services' actuator endpoints with the suite's operator key.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
		"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
		"org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
		"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration" })
@EnableAdminServer
class AdminServerConfiguration {

	@Bean
	HttpHeadersProvider operatorKey() {
		return (instance) -> {
			HttpHeaders headers = new HttpHeaders();
			headers.setBearerAuth(DevCredentials.OPERATOR);
			return headers;
		};
	}

}
