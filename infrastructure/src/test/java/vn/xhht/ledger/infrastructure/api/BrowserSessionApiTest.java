package vn.xhht.ledger.infrastructure.api;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser app's login: a server session in an HttpOnly, SameSite=Strict cookie, a CSRF token on every change made
 * with it, logout; machine clients (Basic) never get a session; the app's pages are served at their own addresses.
 */
class BrowserSessionApiTest extends ApiTest {

    private WebTestClient browser() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                            .defaultHeader("X-Requested-With", "xhht-web").build();
    }

    private record Login(String session, String csrf) {
    }

    private Login login(String user) {
        EntityExchangeResult<Map> result = browser().post().uri("/api/v1/session").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", user, "password", user + "-demo")).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult();
        ResponseCookie session = result.getResponseCookies().getFirst("XHHT_SESSION");
        ResponseCookie csrf = result.getResponseCookies().getFirst("XSRF-TOKEN");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(csrf).as("the CSRF token the page reads").isNotNull();
        assertThat(csrf.isHttpOnly()).isFalse();
        assertThat(result.getResponseBody()).containsEntry("username", user);
        return new Login(session.getValue(), csrf.getValue());
    }

    @Test
    void aBrowserLogsInWithASessionCookieAndChangesOnlyWithItsCsrfToken() {
        Login login = login("admin");
        browser().get().uri("/api/v1/session").cookie("XHHT_SESSION", login.session()).exchange()
                 .expectStatus().isOk().expectBody().jsonPath("$.roles[0]").isEqualTo("ADMIN");
        Map<String, Object> unit = Map.of("id", fresh("tinh"), "name", "Tỉnh Thử", "kind", "PROVINCE",
                                          "validFrom", "2020-01-01");

        browser().post().uri("/api/v1/units").cookie("XHHT_SESSION", login.session())
                 .contentType(MediaType.APPLICATION_JSON).bodyValue(unit).exchange()
                 .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("CSRF_TOKEN_INVALID");
        browser().post().uri("/api/v1/units").cookie("XHHT_SESSION", login.session())
                 .cookie("XSRF-TOKEN", login.csrf()).header("X-XSRF-TOKEN", "not-the-token")
                 .contentType(MediaType.APPLICATION_JSON).bodyValue(unit).exchange()
                 .expectStatus().isForbidden();
        browser().post().uri("/api/v1/units").cookie("XHHT_SESSION", login.session())
                 .cookie("XSRF-TOKEN", login.csrf()).header("X-XSRF-TOKEN", login.csrf())
                 .contentType(MediaType.APPLICATION_JSON).bodyValue(unit).exchange()
                 .expectStatus().isCreated();

        List<Map<String, Object>> log = as("auditor").get().uri("/audit/events?aggregateId=" + unit.get("id"))
                .exchange().expectStatus().isOk().expectBody(AuditPage.class).returnResult().getResponseBody().items();
        assertThat(log).singleElement().satisfies(event -> assertThat(event.get("actor")).isEqualTo("admin"));
    }

    record AuditPage(List<Map<String, Object>> items, String next) {
    }

    @Test
    void aWrongPasswordIsRefusedWithoutTheBrowsersOwnLoginDialogAndLogoutEndsTheSession() {
        browser().post().uri("/api/v1/session").contentType(MediaType.APPLICATION_JSON)
                 .bodyValue(Map.of("username", "admin", "password", "wrong")).exchange()
                 .expectStatus().isUnauthorized()
                 .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                 .expectBody().jsonPath("$.code").isEqualTo("UNAUTHENTICATED");
        browser().get().uri("/api/v1/session").exchange().expectStatus().isUnauthorized()
                 .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE);
        anonymous().get().uri("/api/v1/session").exchange().expectStatus().isUnauthorized()
                   .expectHeader().exists(HttpHeaders.WWW_AUTHENTICATE);

        Login login = login("viewer");
        browser().delete().uri("/api/v1/session").cookie("XHHT_SESSION", login.session())
                 .cookie("XSRF-TOKEN", login.csrf()).header("X-XSRF-TOKEN", login.csrf()).exchange()
                 .expectStatus().isNoContent();
        browser().get().uri("/api/v1/session").cookie("XHHT_SESSION", login.session()).exchange()
                 .expectStatus().isUnauthorized();
    }

    @Test
    void machineClientsGetNoSessionAndAScopedViewerFindsOnlyUnitsOfItsScope() {
        EntityExchangeResult<byte[]> basic = as("viewer").get().uri("/session").exchange().expectStatus().isOk()
                                                         .expectBody().returnResult();
        assertThat(basic.getResponseHeaders().get(HttpHeaders.SET_COOKIE)).isNull();

        String province = fresh("tinh");
        register(province, "PROVINCE", null, "2020-01-01");
        // cu-chi (the viewer's scope) may be there already, registered by another test of this service
        as("admin").post().uri("/units").bodyValue(Map.of("id", "cu-chi", "name", "Huyện Củ Chi", "kind", "DISTRICT",
                                                          "parentId", province, "validFrom", "2020-01-01"))
                   .exchange().expectStatus().value(status -> assertThat(status).isIn(201, 409));
        String commune = fresh("xa");
        as("admin").post().uri("/units").bodyValue(Map.of("id", commune, "name", "Xã Tân Thông Hội", "kind", "COMMUNE",
                                                          "parentId", "cu-chi", "validFrom", "2020-01-01"))
                   .exchange().expectStatus().isCreated();
        String elsewhere = fresh("xa");
        as("admin").post().uri("/units").bodyValue(Map.of("id", elsewhere, "name", "Xã Tân Thông Tây", "kind", "COMMUNE",
                                                          "parentId", province, "validFrom", "2020-01-01"))
                   .exchange().expectStatus().isCreated();

        assertThat(ids(as("admin"), "/units?q=TAN THONG")).contains(commune, elsewhere);
        assertThat(ids(as("viewer"), "/units?q=tan thong")).containsExactly(commune);
        assertThat(ids(as("viewer"), "/units?q=tân thông hội")).containsExactly(commune);
        assertThat(ids(as("admin"), "/units?q=tan thong&on=2019-12-31")).doesNotContain(commune, elsewhere);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(WebTestClient client, String uri) {
        Map<String, Object> page = client.get().uri(uri).exchange().expectStatus().isOk().expectBody(Map.class)
                                         .returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("items")).stream().map(unit -> unit.get("id")).toList();
    }

    @Test
    void theAppsPagesAreServedAtTheirOwnAddressesAndTheApiNeverAnswersWithThem() {
        anonymous().get().uri("/tong-quan?unit=cu-chi").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                   .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                   .expectBody(String.class).value(html -> assertThat(html).contains("<div id=\"root\">"));
        anonymous().get().uri("/don-vi/xa-1").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk();
        anonymous().get().uri("/api/v1/units/xa-1").accept(MediaType.TEXT_HTML).exchange().expectStatus().isUnauthorized();
        anonymous().get().uri("/no-such-file.js").exchange().expectStatus().isNotFound();
    }
}
