package dev.llmgateway.upstream;

import dev.llmgateway.config.GatewaySettings;
import dev.llmgateway.config.SettingsException;
import dev.llmgateway.config.UpstreamMode;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;

/** Decides, from the settings and the credentials at hand, whether calls go to real Bedrock or to an emulator. */
public final class UpstreamResolver {

    /** Dummy keys for an emulator: it reads the region from the signature and ignores the rest. */
    private static final AwsCredentialsProvider EMULATOR_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLLMGATEWAYEMULATOR", "emulator-secret"));

    /**
     * Where calls go.
     *
     * @param mode               BEDROCK or EMULATOR, never AUTO
     * @param endpoint           endpoint override, or null for AWS's regional endpoints; null with EMULATOR means
     *                           "start the built-in emulator and use it"
     * @param credentials        how requests are signed
     * @param reason             one line for the start-up log saying why
     */
    public record Upstream(UpstreamMode mode, URI endpoint, AwsCredentialsProvider credentials, String reason) {

        public boolean needsBuiltInEmulator() {
            return mode == UpstreamMode.EMULATOR && endpoint == null;
        }

        /** The host a region's Bedrock calls go to. */
        public String host(String region) {
            return endpoint != null ? endpoint.getHost() : "bedrock-runtime." + region + ".amazonaws.com";
        }

        public Upstream withEndpoint(URI newEndpoint) {
            return new Upstream(mode, newEndpoint, credentials, reason);
        }
    }

    private final boolean emulatorOnlyWhenAsked;

    /** The gateway's own resolver: {@code auto} without credentials takes the built-in emulator. */
    public UpstreamResolver() {
        this(false);
    }

    /**
     * @param emulatorOnlyWhenAsked whether {@code auto} means Bedrock, credentials or not: in an application of someone
     *                              else's, an answer from the emulator must never pass for a model's
     */
    public UpstreamResolver(boolean emulatorOnlyWhenAsked) {
        this.emulatorOnlyWhenAsked = emulatorOnlyWhenAsked;
    }

    public Upstream resolve(GatewaySettings.Upstream settings) {
        URI endpoint = settings.endpoint() == null || settings.endpoint().isBlank()
                ? null : URI.create(settings.endpoint());
        return switch (settings.mode()) {
            case EMULATOR -> new Upstream(UpstreamMode.EMULATOR, endpoint, EMULATOR_CREDENTIALS,
                    "upstream.mode is emulator");
            case BEDROCK -> bedrock(endpoint, settings.credentialsProfile(), "upstream.mode is bedrock");
            case AUTO -> hasText(settings.credentialsProfile())
                    ? bedrock(endpoint, settings.credentialsProfile(), "upstream.credentialsProfile names a profile")
                    : emulatorOnlyWhenAsked
                    ? bedrock(endpoint, null, "upstream.mode is auto in a host application, where the emulator is used "
                            + "only when upstream.mode is emulator")
                    : credentialsWithoutInstanceMetadata()
                    ? bedrock(endpoint, null, "upstream.mode is auto and AWS credentials were found")
                    : new Upstream(UpstreamMode.EMULATOR, endpoint, EMULATOR_CREDENTIALS,
                            "upstream.mode is auto and no AWS credentials were found");
        };
    }

    private static Upstream bedrock(URI endpoint, String profile, String reason) {
        if (hasText(profile)) {
            return bedrockWithProfile(endpoint, profile.trim(), reason);
        }
        DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        try {
            credentials.resolveCredentials();
        } catch (RuntimeException e) {
            throw new SettingsException(reason + " but no AWS credentials could be loaded (" + e.getMessage()
                    + "). Provide credentials through the default AWS chain (AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY, AWS_PROFILE, web identity, or an instance role), or set "
                    + "upstream.mode to emulator (in an application of your own: llmgateway.upstream.mode=emulator).");
        }
        return new Upstream(UpstreamMode.BEDROCK, endpoint, credentials, reason);
    }

    private static Upstream bedrockWithProfile(URI endpoint, String profile, String reason) {
        ProfileCredentialsProvider credentials = ProfileCredentialsProvider.builder().profileName(profile).build();
        try {
            credentials.resolveCredentials();
        } catch (RuntimeException e) {
            throw new SettingsException(reason + " but the AWS profile " + profile + " gives no credentials ("
                    + e.getMessage() + "). Add the profile to the AWS config or credentials file (AWS_CONFIG_FILE, "
                    + "AWS_SHARED_CREDENTIALS_FILE), or leave upstream.credentialsProfile empty for the default chain.");
        }
        return new Upstream(UpstreamMode.BEDROCK, endpoint, credentials, reason + " (AWS profile " + profile + ")");
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    /**
     * Looks for credentials everywhere the default chain looks except the EC2 instance metadata service: probing
     * that on a laptop or CI machine costs seconds and sends traffic to an address that is not ours.
     */
    private static boolean credentialsWithoutInstanceMetadata() {
        try (AwsCredentialsProviderChain chain = AwsCredentialsProviderChain.builder()
                .credentialsProviders(
                        SystemPropertyCredentialsProvider.create(),
                        EnvironmentVariableCredentialsProvider.create(),
                        WebIdentityTokenFileCredentialsProvider.create(),
                        ProfileCredentialsProvider.create(),
                        ContainerCredentialsProvider.builder().build())
                .reuseLastProviderEnabled(false)
                .build()) {
            chain.resolveCredentials();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
