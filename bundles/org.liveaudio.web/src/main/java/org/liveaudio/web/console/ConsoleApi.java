package org.liveaudio.web.console;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.StreamControl;
import org.liveaudio.common.config.UnknownKeys;
import org.liveaudio.web.auth.LoginThrottle;
import org.liveaudio.web.auth.ReadAccess;
import org.liveaudio.web.auth.RequestFacts;
import org.liveaudio.web.auth.RequestGuard;
import org.liveaudio.web.auth.RequestGuard.Verdict;
import org.liveaudio.web.auth.Sessions;
import org.liveaudio.web.auth.Sessions.Session;
import org.liveaudio.web.json.ApiException;
import org.liveaudio.web.json.JsonBody;
import org.liveaudio.web.json.Views;
import org.liveaudio.web.listen.BrowserStream;
import org.liveaudio.web.listen.BrowserStream.Listening;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The console's JSON API under {@code /api/}, on the HTTP Whiteboard: the sender's {@link StreamControl} and the
 * {@link ListenerControl}s of this framework, read and driven as the Gogo commands do, with live updates as
 * Server-Sent Events. Reads are open on loopback, changes need the password (see {@link RequestGuard}).
 * A new configuration (PID {@value #PID}) restarts the component: sessions end, pages reconnect.
 */
@Component(service = {Servlet.class, ReadAccess.class}, configurationPid = ConsoleApi.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@HttpWhiteboardServletPattern("/api/*")
@HttpWhiteboardServletAsyncSupported
@Designate(ocd = ConsoleApi.Config.class)
public final class ConsoleApi extends HttpServlet implements ReadAccess {
    private static final long serialVersionUID = 1L;
    public static final String PID = "org.liveaudio.web";
    static final String SESSION_COOKIE = RequestFacts.SESSION_COOKIE;
    static final int MAX_SESSION_HOURS = 24 * 30;
    private static final long EVENT_PERIOD_MILLIS = 1000;
    private static final long LOGIN_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    @ObjectClassDefinition(name = "Live Audio Streamer web console",
            description = "The web console and its JSON API (the HTTP port and address are Felix HTTP's).")
    @interface Config {
        @AttributeDefinition(description = "File of the console's password, relative to the distribution's folder: "
                + "write a password into it and the console replaces it with its PBKDF2 hash.")
        String passwordFile() default "config/web.password";

        @AttributeDefinition(description = "Whether pages and reads are open to this machine (loopback) without "
                + "logging in; changes always need the password.")
        boolean openReadOnly() default true;

        @AttributeDefinition(description = "Folder whose audio files and playlists the console offers as sources.")
        String musicFolder() default "music";

        @AttributeDefinition(min = "1", max = "" + MAX_SESSION_HOURS,
                description = "Hours a login lasts unused.")
        int sessionHours() default 12;
    }

    private static final Config DEFAULTS = SettingsReader.defaults(Config.class);

    @Reference(service = LoggerFactory.class)
    Logger log;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile StreamControl stream;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<ListenerControl> listeners = List.of();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConfigurationAdmin configurationAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BrowserStream browserStream;

    private final transient Gson gson = new GsonBuilder().serializeNulls().create();
    private final transient SecureRandom random = new SecureRandom();
    private transient Sessions sessions;
    private transient RequestGuard guard;
    private transient LoginThrottle throttle;
    private transient PasswordStore password;
    private transient SourceChoice sources;
    private transient EventStream events;

    @Activate
    void activate(Map<String, Object> properties) {
        SettingsReader reader = new SettingsReader(properties);
        for (String unknown : UnknownKeys.describe(properties, UnknownKeys.declaredBy(Config.class))) {
            log.warn("{}: {}", reader.origin(), unknown);
        }
        int sessionHours = DEFAULTS.sessionHours();
        boolean openReadOnly = DEFAULTS.openReadOnly();
        try {
            sessionHours = reader.integer("sessionHours", DEFAULTS.sessionHours(), 1, MAX_SESSION_HOURS);
            openReadOnly = reader.bool("openReadOnly", DEFAULTS.openReadOnly());
        } catch (InvalidSettingException e) {
            log.warn("{}: {}; the console runs with its defaults", reader.origin(), e.getMessage());
        }
        sessions = new Sessions(random, System::nanoTime, TimeUnit.HOURS.toNanos(sessionHours));
        guard = new RequestGuard(sessions, openReadOnly);
        throttle = new LoginThrottle(System::nanoTime, LOGIN_WINDOW_NANOS);
        password = new PasswordStore(Path.of(reader.string("passwordFile", DEFAULTS.passwordFile())), random, log);
        sources = new SourceChoice(new AdminSenderConfiguration(() -> configurationAdmin), Path.of(reader.string("musicFolder",
                DEFAULTS.musicFolder())));
        events = new EventStream(() -> gson.toJson(snapshot()), EVENT_PERIOD_MILLIS, log);
        events.start();
        String problem = password.problem();
        log.info("Web console API ready: reads {}, changes {}", openReadOnly ? "open on loopback" : "need a login",
                problem.isEmpty() ? "need the password of " + password.file() : "refused until a password is set");
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        events.stop();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        try {
            switch (request.getMethod()) {
                case "GET" -> get(path, request, response);
                case "POST" -> post(path, request, response);
                default -> throw new ApiException(405, "use GET to read and POST to change");
            }
        } catch (ApiException e) {
            if (e.status() == 403) {
                log.warn("Web console refused {} {} from {}: {}", request.getMethod(), path, request.getRemoteAddr(),
                        e.getMessage());
            }
            if (e.status() == 429) {
                response.setHeader("Retry-After", Long.toString(throttle.retryAfterSeconds()));
            }
            send(response, e.status(), Map.of("error", e.getMessage()));
        }
    }

    private void get(String path, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ApiException {
        if (path.equals("/session")) {
            require(guard.sameOrigin(RequestFacts.of(request)));
            Session session = guard.read(RequestFacts.of(request)).session();
            send(response, 200, session == null ? Map.of("loggedIn", false)
                    : Map.of("loggedIn", true, "csrfToken", session.csrfToken()));
            return;
        }
        require(guard.read(RequestFacts.of(request)));
        switch (path) {
            case "/status" -> send(response, 200, Views.status(sender().status(), listening()));
            case "/stats" -> send(response, 200, Views.stats(sender().stats(), nowMillis()));
            case "/listeners" -> send(response, 200, Views.heard(sender().listeners()));
            case "/receivers" -> send(response, 200, receivers());
            case "/sources" -> send(response, 200, sources.choices());
            case "/events" -> events.connect(request, response);
            default -> throw notFound(path);
        }
    }

    private void post(String path, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ApiException {
        RequestFacts facts = RequestFacts.of(request);
        switch (path) {
            case "/login" -> login(request, response, facts);
            case "/logout" -> {
                sessions.close(require(guard.change(facts)).session().token());
                response.addHeader("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
                send(response, 200, Map.of("loggedIn", false));
            }
            case "/pause" -> {
                require(guard.change(facts));
                StreamControl sender = sender();
                sender.pause();
                send(response, 200, Views.status(sender.status(), listening()));
            }
            case "/play" -> {
                require(guard.change(facts));
                StreamControl sender = sender();
                sender.play();
                send(response, 200, Views.status(sender.status(), listening()));
            }
            case "/source" -> {
                require(guard.change(facts));
                JsonBody body = JsonBody.read(request.getContentType(), request.getContentLengthLong(),
                        request.getInputStream());
                sources.choose(body.string("source"), body.optionalString("file"));
                send(response, 202, sources.choices());
            }
            default -> throw notFound(path);
        }
    }

    private void login(HttpServletRequest request, HttpServletResponse response, RequestFacts facts)
            throws IOException, ApiException {
        require(guard.sameOrigin(facts));
        if (!throttle.allows()) {
            throw new ApiException(429, "too many wrong passwords; try again in a minute");
        }
        JsonBody body = JsonBody.read(request.getContentType(), request.getContentLengthLong(),
                request.getInputStream());
        char[] given = body.string("password").toCharArray();
        try {
            String problem = password.problem();
            if (!problem.isEmpty()) {
                throw new ApiException(503, "no password is set: write one into " + password.file());
            }
            if (!password.matches(given)) {
                throttle.failed();
                log.warn("Web console: wrong password from {}", request.getRemoteAddr());
                throw new ApiException(401, "wrong password");
            }
        } finally {
            Arrays.fill(given, '\0');
        }
        Session session = sessions.open();
        log.info("Web console: logged in from {}", request.getRemoteAddr());
        response.addHeader("Set-Cookie", SESSION_COOKIE + "=" + session.token()
                + "; Path=/; HttpOnly; SameSite=Strict");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("loggedIn", true);
        answer.put("token", session.token());
        answer.put("csrfToken", session.csrfToken());
        send(response, 200, answer);
    }

    /** What each live update carries: the sender (or null) and this framework's listeners. */
    Map<String, Object> snapshot() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        StreamControl sender = stream;
        if (sender == null) {
            snapshot.put("sender", null);
        } else {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("status", Views.status(sender.status(), listening()));
            view.put("stats", Views.stats(sender.stats(), nowMillis()));
            view.put("listeners", Views.heard(sender.listeners()));
            snapshot.put("sender", view);
        }
        snapshot.put("receivers", receivers());
        return snapshot;
    }

    private List<Views.Receiver> receivers() {
        List<Views.Receiver> views = new ArrayList<>();
        long now = nowMillis();
        for (ListenerControl listener : listeners) {
            try {
                views.add(Views.receiver(listener, now));
            } catch (RuntimeException e) {
                // the listener went away in between; show the rest
            }
        }
        views.sort(Comparator.comparing(Views.Receiver::name));
        return views;
    }

    private Listening listening() {
        BrowserStream served = browserStream;
        return served == null ? null : served.listening();
    }

    /** The rule for reads, which the stream for browsers follows too. */
    @Override
    public Verdict read(RequestFacts request) {
        return guard.read(request);
    }

    private StreamControl sender() throws ApiException {
        StreamControl sender = stream;
        if (sender == null) {
            throw new ApiException(503, "no sender runs in this framework (configure org.liveaudio.sender)");
        }
        return sender;
    }

    private static Verdict require(Verdict verdict) throws ApiException {
        if (!verdict.allowed()) {
            throw new ApiException(verdict.status(), verdict.reason());
        }
        return verdict;
    }

    private static ApiException notFound(String path) {
        return new ApiException(404, "no such API: " + path.replaceAll("[^\\w/.-]", "?"));
    }

    private void send(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(gson.toJson(body).getBytes(StandardCharsets.UTF_8));
    }

    private static long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }
}
