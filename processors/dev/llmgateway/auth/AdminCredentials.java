package dev.llmgateway.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The admin credentials: the admin token ({@code auth.adminToken}, named {@value #ADMIN_TOKEN}) and the named ones
 * ({@code auth.admins}). Each is kept as its hash; a presented credential is compared with every one of them, in time
 * independent of where they differ.
 */
public final class AdminCredentials {

    /** The name of the admin token in the audit trail. */
    public static final String ADMIN_TOKEN = "admin-token";
    /** The actor of changes the command line makes on the database itself. */
    public static final String COMMAND_LINE = "command-line";
    /** The actor of teams the configuration's seed stores. */
    public static final String CONFIGURATION = "configuration";

    private record Credential(String name, String hash) {
    }

    private final List<Credential> credentials;

    private AdminCredentials(List<Credential> credentials) {
        this.credentials = List.copyOf(credentials);
    }

    public static AdminCredentials of(AuthSettings auth) {
        List<Credential> credentials = new ArrayList<>();
        if (!auth.adminToken().isBlank()) {
            credentials.add(new Credential(ADMIN_TOKEN, ApiKeySecrets.hashOfConfigured(auth.adminToken())));
        }
        for (AuthSettings.Admin admin : auth.admins()) {
            credentials.add(new Credential(admin.name(), ApiKeySecrets.hashOfConfigured(admin.token())));
        }
        return new AdminCredentials(credentials);
    }

    /** @return whether there is any admin credential (else the admin API is off) */
    public boolean any() {
        return !credentials.isEmpty();
    }

    /** @return the name of the admin credential presented, or empty when it is none of them */
    public Optional<String> nameOf(String presented) {
        String hash = ApiKeySecrets.hash(presented);
        String found = null;
        for (Credential credential : credentials) {
            if (ApiKeySecrets.sameHash(hash, credential.hash()) && found == null) {
                found = credential.name();
            }
        }
        return Optional.ofNullable(found);
    }
}
