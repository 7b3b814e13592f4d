package org.liveaudio.web.auth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What the console's guard looks at in a request, each {@code null} when the request lacks it.
 *
 * @param host the {@code Host} header
 * @param origin the {@code Origin} header, which browsers send with every cross-site and every non-GET request
 * @param fetchSite the {@code Sec-Fetch-Site} header of current browsers: same-origin, same-site, cross-site, none
 * @param remoteAddress the peer's IP address
 * @param authorization the {@code Authorization} header
 * @param sessionCookie the value of the session cookie
 * @param csrfToken the CSRF token header
 */
public record RequestFacts(String host, String origin, String fetchSite, String remoteAddress, String authorization,
        String sessionCookie, String csrfToken) {
    public static final String SESSION_COOKIE = "liveaudio-session";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    public static RequestFacts of(HttpServletRequest request) {
        String cookie = null;
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie candidate : cookies) {
                if (candidate.getName().equals(SESSION_COOKIE)) {
                    cookie = candidate.getValue();
                }
            }
        }
        return new RequestFacts(request.getHeader("Host"), request.getHeader("Origin"),
                request.getHeader("Sec-Fetch-Site"), request.getRemoteAddr(), request.getHeader("Authorization"),
                cookie, request.getHeader(CSRF_HEADER));
    }
}
