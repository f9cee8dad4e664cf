package vn.xhht.ledger.infrastructure.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The authenticated principal behind a request: its name, roles and scope (the unit subtrees it may act on;
 * {@code "*"} for all). The actor of every command comes from here, never from a request body.
 */
public record Actor(String username, Set<Role> roles, Set<String> scope) {

    public static final String ALL_UNITS = "*";

    public Actor {
        roles = Set.copyOf(roles);
        scope = Set.copyOf(scope);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(Collection<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    public boolean coversEverything() {
        return scope.contains(ALL_UNITS);
    }

    /** Whether a unit whose lineage (itself, then its ancestors) is given lies in one of the actor's subtrees. */
    public boolean covers(List<String> lineage) {
        return coversEverything() || lineage.stream().anyMatch(scope::contains);
    }

    public List<String> roleNames() {
        return roles.stream().map(Enum::name).sorted().toList();
    }
}
