package org.tracehub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.tracehub.hub.dropbox.DropBoxProperties;

class HubUserDirectoryTest {

    private static final String HASH = BCrypt.hashpw("secret", BCrypt.gensalt(4));
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void configuredUsersSignInWithTheirPasswordAndCarryTheirRoles() {
        HubUserDirectory directory = new HubUserDirectory(security(user("alice", HASH, List.of(HubRole.OPERATOR), null)), new DropBoxProperties());

        HubUser alice = directory.loadUserByUsername("alice");

        assertThat(encoder.matches("secret", alice.getPassword())).isTrue();
        assertThat(encoder.matches("Secret", alice.getPassword())).isFalse();
        assertThat(alice.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_OPERATOR");
        assertThat(alice.isStaff()).isTrue();
        assertThat(alice.sourceId()).isNull();
    }

    @Test
    void eachLookupIsAFreshCopySoErasedCredentialsDoNotLockTheUserOut() {
        HubUserDirectory directory = new HubUserDirectory(security(user("alice", HASH, List.of(HubRole.ADMIN), null)), new DropBoxProperties());

        directory.loadUserByUsername("alice").eraseCredentials();

        assertThat(encoder.matches("secret", directory.loadUserByUsername("alice").getPassword())).isTrue();
    }

    @Test
    void everyDropBoxAccountWithAPasswordIsASenderOfItsOwnSource() {
        DropBoxProperties dropBox = new DropBoxProperties();
        dropBox.getAccounts().put("market-a", account(HASH));
        dropBox.getAccounts().put("keys-only", account(null));

        HubUserDirectory directory = new HubUserDirectory(security(), dropBox);

        HubUser market = directory.loadUserByUsername("market-a");
        assertThat(market.roles()).containsExactly(HubRole.SOURCE);
        assertThat(market.sourceId()).isEqualTo("market-a");
        assertThat(market.isStaff()).isFalse();
        assertThat(encoder.matches("secret", market.getPassword())).isTrue();
        assertThat(directory.names()).containsExactly("market-a");
        assertThatThrownBy(() -> directory.loadUserByUsername("keys-only")).isInstanceOf(UsernameNotFoundException.class);
    }

    @Test
    void dropBoxLoginsCanBeSwitchedOff() {
        DropBoxProperties dropBox = new DropBoxProperties();
        dropBox.getAccounts().put("market-a", account(HASH));
        HubSecurityProperties security = security();
        security.setSourceLoginsFromSftp(false);

        assertThat(new HubUserDirectory(security, dropBox).names()).isEmpty();
    }

    @Test
    void aPlainTextPasswordStopsTheStartNamingTheKey() {
        assertThatThrownBy(() -> new HubUserDirectory(security(user("bob", "secret", List.of(HubRole.VIEWER), null)), new DropBoxProperties()))
                .hasMessageContaining("hub.security.users.bob.password-hash").hasMessageContaining("hash-password");
    }

    @Test
    void aSenderWithoutItsSourceOrMixedWithStaffRolesStopsTheStart() {
        assertThatThrownBy(() -> new HubUserDirectory(security(user("clerk", HASH, List.of(HubRole.SOURCE), null)), new DropBoxProperties()))
                .hasMessageContaining("hub.security.users.clerk.source");
        assertThatThrownBy(() -> new HubUserDirectory(security(user("clerk", HASH, List.of(HubRole.SOURCE, HubRole.ADMIN), "m")),
                new DropBoxProperties())).hasMessageContaining("hub.security.users.clerk.roles");
        assertThatThrownBy(() -> new HubUserDirectory(security(user("boss", HASH, List.of(HubRole.ADMIN), "m")), new DropBoxProperties()))
                .hasMessageContaining("hub.security.users.boss.source");
        assertThatThrownBy(() -> new HubUserDirectory(security(user("nobody", HASH, List.of(), null)), new DropBoxProperties()))
                .hasMessageContaining("hub.security.users.nobody.roles");
    }

    private static HubSecurityProperties security(Object... users) {
        HubSecurityProperties security = new HubSecurityProperties();
        for (Object u : users) {
            Named named = (Named) u;
            security.getUsers().put(named.name(), named.user());
        }
        return security;
    }

    private record Named(String name, HubSecurityProperties.User user) {
    }

    private static Named user(String name, String hash, List<HubRole> roles, String source) {
        HubSecurityProperties.User user = new HubSecurityProperties.User();
        user.setPasswordHash(hash);
        user.setRoles(roles);
        user.setSource(source);
        return new Named(name, user);
    }

    private static DropBoxProperties.Account account(String hash) {
        DropBoxProperties.Account account = new DropBoxProperties.Account();
        account.setPasswordHash(hash);
        return account;
    }
}
