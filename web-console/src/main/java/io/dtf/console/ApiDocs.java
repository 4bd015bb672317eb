package io.dtf.console;

import io.dtf.console.auth.Access;
import io.javalin.config.JavalinConfig;
import io.javalin.openapi.plugin.OpenApiPlugin;
import io.javalin.openapi.plugin.swagger.SwaggerPlugin;
import io.javalin.security.RouteRole;

/**
 * The API's OpenAPI document on {@code /openapi} (built at compile time from the routes' {@code @OpenApi}
 * annotations) and Swagger UI on {@code /swagger}.
 *
 * <p>Both are public: they describe the routes, which are no secret (the project's source says as much),
 * and hold no grid data; a client generator can read the document before it has a token. Every
 * operation tried from Swagger UI still passes the role check of its route.
 */
final class ApiDocs {
    /** The API's own version: raised when a route or a body changes incompatibly. */
    static final String API_VERSION = "1.0";
    static final String DOCUMENT = "/openapi";

    private ApiDocs() {
    }

    static void register(JavalinConfig config) {
        config.registerPlugin(new OpenApiPlugin(openApi -> openApi
                .withDocumentationPath(DOCUMENT)
                .withRoles(Access.PUBLIC)
                .withDefinitionConfiguration((version, definition) -> definition.withInfo(info -> {
                    info.setTitle("DTF console API");
                    info.setVersion(API_VERSION);
                    info.setDescription("The grid's runs, tasks, workers and results, as the web console reads them."
                            + " Errors are {status, message, field}. See docs/CONSOLE.md.");
                }))));
        config.registerPlugin(new SwaggerPlugin(swagger -> {
            swagger.setDocumentationPath(DOCUMENT);
            swagger.setUiPath("/swagger");
            swagger.setTitle("DTF console API");
            swagger.setRoles(new RouteRole[] {Access.PUBLIC});
            // Swagger UI would send the document to an outside validator: nothing leaves this grid.
            swagger.setValidatorUrl(null);
        }));
    }
}
