package org.liveaudio.itests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls the web console's JSON API of a distribution process as a script would: plain HTTP on loopback, each call
 * bounded in time. Reads a figure out of an answer with a pattern, as the answers are small and flat.
 */
final class ConsoleClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String base;

    ConsoleClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    /** A free TCP port on loopback for a process's console, so that tests never meet a console already running. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST with a JSON body and any further headers (name, value, name, value...). */
    HttpResponse<String> post(String path, String json, String... headers) throws IOException, InterruptedException {
        return postAs(path, "application/json", json, headers);
    }

    /** A POST with a body of the given content type. */
    HttpResponse<String> postAs(String path, String type, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in; the bearer token. */
    String login(String password) throws IOException, InterruptedException {
        HttpResponse<String> answer = post("/api/login", "{\"password\":\"" + password + "\"}");
        if (answer.statusCode() != 200) {
            throw new AssertionError("login refused: " + answer.statusCode() + " " + answer.body());
        }
        return field(answer.body(), "token");
    }

    /** Waits until the console answers at all (Felix HTTP and the bundle start after the framework). */
    void awaitUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (get("/api/status").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the console at " + base + " did not answer within " + timeout.toSeconds()
                        + " s");
            }
            Thread.sleep(100);
        }
    }

    /** The string or number of {@code name} in a flat JSON answer. */
    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\":(\"([^\"]*)\"|([-0-9.]+|true|false|null))")
                .matcher(json);
        if (!matcher.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
    }
}
