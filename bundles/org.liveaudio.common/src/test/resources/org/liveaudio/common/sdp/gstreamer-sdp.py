# Writes an SDP with GStreamer's own SDP code (libgstsdp: gst_sdp_media_set_media_from_caps, as gst-rtsp-server
# does for a DESCRIBE) from the caps that a payloader negotiates.
import sys, ctypes, gi
gi.require_version('Gst', '1.0')
from gi.repository import Gst
Gst.init(None)
desc, group, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
p = Gst.parse_launch(desc + " ! fakesink name=sink")
p.set_state(Gst.State.PAUSED); p.get_state(5 * Gst.SECOND)
caps_text = p.get_by_name("sink").get_static_pad("sink").get_current_caps().to_string()
p.set_state(Gst.State.NULL)
gst = ctypes.CDLL("libgstreamer-1.0.so.0"); sdp = ctypes.CDLL("libgstsdp-1.0.so.0")
gst.gst_caps_from_string.restype = ctypes.c_void_p
caps = ctypes.c_void_p(gst.gst_caps_from_string(caps_text.encode()))
msg = ctypes.c_void_p(); media = ctypes.c_void_p()
sdp.gst_sdp_message_new(ctypes.byref(msg)); sdp.gst_sdp_media_new(ctypes.byref(media))
S = lambda s: s.encode()
sdp.gst_sdp_message_set_version(msg, S("0"))
sdp.gst_sdp_message_set_origin(msg, S("-"), S("1188340656180883"), S("1"), S("IN"), S("IP4"), S("127.0.0.1"))
sdp.gst_sdp_message_set_session_name(msg, S("Session streamed with GStreamer"))
sdp.gst_sdp_message_set_information(msg, S("rtsp-server"))
sdp.gst_sdp_message_add_time(msg, S("0"), S("0"), None)
sdp.gst_sdp_message_add_attribute(msg, S("tool"), S("GStreamer"))
sdp.gst_sdp_message_add_attribute(msg, S("type"), S("broadcast"))
assert sdp.gst_sdp_media_set_media_from_caps(caps, media) == 0
sdp.gst_sdp_media_set_port_info(media, port, 1)
sdp.gst_sdp_media_set_proto(media, S("RTP/AVP"))
sdp.gst_sdp_media_add_connection(media, S("IN"), S("IP4"), S(group), 1, 1)
sdp.gst_sdp_message_add_media(msg, media)
sdp.gst_sdp_message_as_text.restype = ctypes.c_char_p
sys.stdout.write(sdp.gst_sdp_message_as_text(msg).decode())
