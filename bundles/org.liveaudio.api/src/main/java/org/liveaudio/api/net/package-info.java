/** Multicast RTP transport: endpoints, packet senders and receivers. */
@Version("1.6.0")
@Export
package org.liveaudio.api.net;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
