package org.liveaudio.web.json;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads the JSON object of a request's body: no more than {@link #MAX_BYTES}, of type {@code application/json}
 * (which a page of another site cannot send without the browser asking first), one object and nothing after it.
 */
public final class JsonBody {
    public static final int MAX_BYTES = 4096;

    private final JsonObject object;

    private JsonBody(JsonObject object) {
        this.object = object;
    }

    /**
     * @param contentType the request's {@code Content-Type}, may be {@code null}
     * @param declaredLength the request's {@code Content-Length}, -1 when it sent none (chunked)
     * @throws ApiException 415 for another type, 413 for a body over the limit, 400 for anything but one object
     */
    public static JsonBody read(String contentType, long declaredLength, InputStream body)
            throws ApiException, IOException {
        if (contentType == null || !contentType.toLowerCase().strip().startsWith("application/json")) {
            throw new ApiException(415, "send the body as Content-Type: application/json");
        }
        if (declaredLength > MAX_BYTES) {
            throw new ApiException(413, "the body is " + declaredLength + " bytes; at most " + MAX_BYTES);
        }
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new ApiException(413, "the body is over " + MAX_BYTES + " bytes");
        }
        JsonElement parsed;
        // Strict (RFC 8259): Gson's default leniency would take {source: melody} or a second value after the first.
        try (JsonReader reader = new JsonReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
            reader.setStrictness(Strictness.STRICT);
            parsed = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new ApiException(400, "the body holds more than one JSON value");
            }
        } catch (JsonParseException | IOException e) {
            throw new ApiException(400, "the body is not valid JSON");
        }
        if (!parsed.isJsonObject()) {
            throw new ApiException(400, "the body must be one JSON object");
        }
        return new JsonBody(parsed.getAsJsonObject());
    }

    /** The string member {@code name}. @throws ApiException 400 when it is absent or not a string */
    public String string(String name) throws ApiException {
        JsonElement value = object.get(name);
        if (value == null || !value.isJsonPrimitive() || !((JsonPrimitive) value).isString()) {
            throw new ApiException(400, "the body needs \"" + name + "\" as a string");
        }
        return value.getAsString();
    }

    /** The string member {@code name}, or {@code null} when absent. @throws ApiException 400 when not a string */
    public String optionalString(String name) throws ApiException {
        return object.has(name) && !object.get(name).isJsonNull() ? string(name) : null;
    }
}
