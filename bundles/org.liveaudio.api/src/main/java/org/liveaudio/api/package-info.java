/** Failures shared by all Live Audio Streamer contracts. */
@Version("1.3.0")
@Export
package org.liveaudio.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
