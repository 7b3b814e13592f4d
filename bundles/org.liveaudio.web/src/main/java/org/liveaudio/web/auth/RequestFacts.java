package org.liveaudio.web.auth;

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
}
