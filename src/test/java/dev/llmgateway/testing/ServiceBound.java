package dev.llmgateway.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class or method that needs more than this JVM: the machine's PostgreSQL (with pgvector) or RabbitMQ, Chromium,
 * Node.js (with the client libraries of src/test/js), or JVMs of its own. {@code mvn test} leaves them out, so the fast core runs on any machine; {@code mvn verify}
 * ({@code bin/test}, CI) runs them with failsafe after the fast suite: the pom names their tag, {@code services}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("services")
public @interface ServiceBound {
}
