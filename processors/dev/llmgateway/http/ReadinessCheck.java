package dev.llmgateway.http;

import java.util.function.BooleanSupplier;

/** One thing the gateway needs before it can serve: a name for the report and a test of it. */
public record ReadinessCheck(String name, BooleanSupplier isUsable) {
}
