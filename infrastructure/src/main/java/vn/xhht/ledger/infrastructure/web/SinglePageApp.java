package vn.xhht.ledger.infrastructure.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.util.List;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.accept;

/**
 * The browser app (built from {@code web/} into the jar's {@code static/}) at {@code /}: its files are served as
 * static resources, and every other page address a browser asks for ({@code /tong-quan}, {@code /don-vi/xa-1} on
 * reload or from a bookmark) gets its {@code index.html}, whose router shows the page. The API, the OpenAPI
 * document and the health endpoint are never answered with it.
 */
@Configuration(proxyBeanMethods = false)
public class SinglePageApp {

    private static final List<String> NOT_PAGES = List.of("/api/", "/v3/", "/swagger-ui", "/webjars/", "/actuator");

    @Bean
    public RouterFunction<ServerResponse> singlePageAppPages(@Value("${xhht.web.index:classpath:/static/index.html}") Resource index) {
        RequestPredicate page = GET("/**").and(accept(MediaType.TEXT_HTML)).and(request -> {
            String path = request.path();
            return NOT_PAGES.stream().noneMatch(path::startsWith) && !path.substring(path.lastIndexOf('/') + 1).contains(".");
        });
        return RouterFunctions.route(page, request -> index.exists()
                ? ServerResponse.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noCache()).bodyValue(index)
                : ServerResponse.notFound().build());
    }
}
