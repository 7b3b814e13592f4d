package org.liveaudio.web.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodyTest {
    private static JsonBody read(String type, long length, String body) throws ApiException, IOException {
        return JsonBody.read(type, length, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static int refusal(String type, long length, String body) {
        return assertThrows(ApiException.class, () -> read(type, length, body), body).status();
    }

    @Test
    void oneObjectOfJsonIsRead() throws Exception {
        JsonBody body = read("application/json; charset=utf-8", -1, "{\"source\": \"file\", \"file\": \"a.wav\"}");
        assertEquals("file", body.string("source"));
        assertEquals("a.wav", body.optionalString("file"));
        assertNull(read("application/json", -1, "{\"source\":\"melody\",\"file\":null}").optionalString("file"));
    }

    @Test
    void anotherContentTypeIsRefused415ForAFormOfAnotherSiteCannotSendJson() {
        assertEquals(415, refusal("application/x-www-form-urlencoded", -1, "source=melody"));
        assertEquals(415, refusal("text/plain", -1, "{\"source\":\"melody\"}"));
        assertEquals(415, refusal(null, -1, "{\"source\":\"melody\"}"));
    }

    @Test
    void aBodyOverTheLimitIsRefused413WhetherDeclaredOrNot() {
        String big = "{\"source\":\"" + "m".repeat(JsonBody.MAX_BYTES) + "\"}";
        assertEquals(413, refusal("application/json", big.length(), big));
        assertEquals(413, refusal("application/json", -1, big));
        assertEquals(413, refusal("application/json", 10_000_000, "{}"));
    }

    @Test
    void anythingButOneStrictJsonObjectIsRefused400() {
        for (String malformed : new String[] {"", "{", "{\"source\":}", "{source: \"melody\"}", "{'source':'melody'}",
            "[\"melody\"]", "\"melody\"", "{\"source\":\"melody\"} {}", "{\"source\":\"melody\",}", "null"}) {
            assertEquals(400, refusal("application/json", -1, malformed), malformed);
        }
    }

    @Test
    void aMissingOrMistypedMemberIsRefused400() throws Exception {
        JsonBody body = read("application/json", -1, "{\"source\": 3, \"file\": [\"a\"]}");
        assertEquals(400, assertThrows(ApiException.class, () -> body.string("source")).status());
        assertEquals(400, assertThrows(ApiException.class, () -> body.string("password")).status());
        assertEquals(400, assertThrows(ApiException.class, () -> body.optionalString("file")).status());
    }
}
