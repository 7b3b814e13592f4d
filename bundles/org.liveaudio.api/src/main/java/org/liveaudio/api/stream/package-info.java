/** Control of running streams: the sender's {@code StreamControl} and each listener's {@code ListenerControl}, with their status and statistics. */
@Version("2.4.0")
@Export
package org.liveaudio.api.stream;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
