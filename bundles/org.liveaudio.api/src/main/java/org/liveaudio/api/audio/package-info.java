/** Audio formats, sources, sinks and codecs: what flows through a stream and what produces and consumes it. */
@Version("2.4.0")
@Export
package org.liveaudio.api.audio;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
