package org.liveaudio.web.page;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The console's page: a few files from this bundle ({@code static/}), each with headers that keep it to its own
 * origin: scripts only from here, no framing by other sites (clickjacking), no type sniffing, no referrer.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/")
public final class PageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; media-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'self'";
    /** The manifest header naming the uPlot version the build copied in (from its WebJar, under its path). */
    static final String UPLOT_VERSION_HEADER = "Uplot-Version";

    /** The files served, by path, with their types and where in the bundle they are: nothing else is reachable. */
    private transient Map<String, PageFile> files;

    record PageFile(String type, String resource) {
    }

    @Activate
    void activate(BundleContext context) {
        files = files("META-INF/resources/webjars/uplot/" + context.getBundle().getHeaders().get(UPLOT_VERSION_HEADER)
                + "/");
    }

    static Map<String, PageFile> files(String uplot) {
        return Map.of(
                "/index.html", new PageFile("text/html", "static/index.html"),
                "/console.js", new PageFile("text/javascript", "static/console.js"),
                "/console.css", new PageFile("text/css", "static/console.css"),
                "/uPlot.iife.min.js", new PageFile("text/javascript", uplot + "dist/uPlot.iife.min.js"),
                "/uPlot.min.css", new PageFile("text/css", uplot + "dist/uPlot.min.css"),
                "/uPlot.LICENSE", new PageFile("text/plain", uplot + "LICENSE"));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.isEmpty() || path.equals("/")) {
            path = "/index.html";
        }
        PageFile page = files.get(path);
        response.setHeader("Content-Security-Policy", SECURITY_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (page == null) {
            response.sendError(404, "no such page");
            return;
        }
        try (InputStream file = PageServlet.class.getClassLoader().getResourceAsStream(page.resource())) {
            if (file == null) {
                response.sendError(404, "no such page");
                return;
            }
            response.setContentType(page.type());
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-cache");
            file.transferTo(response.getOutputStream());
        }
    }
}
