package vn.xhht.ledger.infrastructure.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Users from the users file, checked with HTTP Basic. Password hashes are verified off the event loop (bcrypt
 * is slow by design); a successful check is remembered for a few minutes under a SHA-256 of the password so that
 * a client sending Basic credentials on every request does not pay bcrypt each time.
 */
public class UsersDirectory implements ReactiveAuthenticationManager {

    private static final Logger log = LoggerFactory.getLogger(UsersDirectory.class);
    private static final Duration REMEMBER = Duration.ofMinutes(5);

    private final Map<String, UsersFile.User> users;
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final Map<String, Long> verified = new ConcurrentHashMap<>();

    public UsersDirectory(UsersFile file) {
        this.users = file.users().stream().collect(Collectors.toMap(UsersFile.User::username, Function.identity()));
    }

    /** The users file at {@code path}; the bundled demo users (with a warning) when that file does not exist. */
    public static UsersDirectory load(String path) {
        try {
            Path file = Path.of(path);
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    log.info("Users from {}", file.toAbsolutePath());
                    return new UsersDirectory(UsersFile.read(in, file.toString()));
                }
            }
            log.warn("Users file {} not found: using the DEMO users (see config/demo-users.yml). "
                             + "Never run like this in production.", file.toAbsolutePath());
            try (InputStream in = new ClassPathResource("demo-users.yml").getInputStream()) {
                return new UsersDirectory(UsersFile.read(in, "demo-users.yml"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the users file " + path, e);
        }
    }

    @Override
    public Mono<org.springframework.security.core.Authentication> authenticate(
            org.springframework.security.core.Authentication authentication) {
        if (!(authentication instanceof UsernamePasswordAuthenticationToken)) {
            return Mono.empty();
        }
        String username = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        UsersFile.User user = users.get(username);
        if (user == null) {
            return Mono.error(new BadCredentialsException("Bad credentials"));
        }
        String key = username + '\u0000' + sha256(password);
        Long until = verified.get(key);
        if (until != null && until > System.currentTimeMillis()) {
            return Mono.just(new ActorAuthentication(actorOf(user)));
        }
        return Mono.fromCallable(() -> encoder.matches(password, user.password()))
                   .subscribeOn(Schedulers.boundedElastic())
                   .flatMap(matches -> {
                       if (!matches) {
                           return Mono.error(new BadCredentialsException("Bad credentials"));
                       }
                       verified.put(key, System.currentTimeMillis() + REMEMBER.toMillis());
                       return Mono.just(new ActorAuthentication(actorOf(user)));
                   });
    }

    private static Actor actorOf(UsersFile.User user) {
        return new Actor(user.username(), new HashSet<>(user.roles()), new HashSet<>(user.scope()));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                                         .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
