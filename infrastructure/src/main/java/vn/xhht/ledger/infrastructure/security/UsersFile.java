package vn.xhht.ledger.infrastructure.security;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The users file: {@code users: [{username, password: "{bcrypt}...", roles: [...], scope: [unit ids or "*"]}]}.
 * Refused as a whole, naming the entry at fault, if any entry is incomplete.
 */
public record UsersFile(List<User> users) {

    public record User(String username, String password, List<Role> roles, List<String> scope) {
    }

    public static UsersFile read(InputStream yaml, String source) throws IOException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        UsersFile file = mapper.readValue(yaml, UsersFile.class);
        if (file == null || file.users() == null || file.users().isEmpty()) {
            throw new IllegalArgumentException(source + ": no users");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < file.users().size(); i++) {
            User user = file.users().get(i);
            String where = source + ": users[" + i + "]";
            if (user.username() == null || user.username().isBlank()) {
                throw new IllegalArgumentException(where + ".username is required");
            }
            if (!names.add(user.username())) {
                throw new IllegalArgumentException(where + ".username " + user.username() + " appears twice");
            }
            if (user.password() == null || !user.password().startsWith("{")) {
                throw new IllegalArgumentException(where + ".password must be an encoded hash such as {bcrypt}...");
            }
            if (user.roles() == null || user.roles().isEmpty()) {
                throw new IllegalArgumentException(where + ".roles is required");
            }
            if (user.scope() == null || user.scope().isEmpty()) {
                throw new IllegalArgumentException(where + ".scope is required (unit ids, or \"*\")");
            }
        }
        return file;
    }
}
