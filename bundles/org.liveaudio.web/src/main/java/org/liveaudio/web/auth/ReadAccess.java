package org.liveaudio.web.auth;

/** The console's rule for reads, as a service, for what the console serves beside its API (the stream). */
public interface ReadAccess {
    RequestGuard.Verdict read(RequestFacts request);
}
