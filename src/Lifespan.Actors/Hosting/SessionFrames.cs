using System.Text;
using System.Text.Json;

namespace Lifespan.Actors.Hosting;

/// <summary>The session endpoint's JSON frames: what a client sends, parsed, and what the server sends, written.</summary>
internal static class SessionFrames
{
    /// <summary>A frame from a client.</summary>
    public sealed record Incoming(string Type, long? Id, string? Token, string? Handler, JsonElement Payload);

    /// <summary>Parses a client frame, or throws <see cref="FormatException"/> saying what is wrong.</summary>
    /// <remarks>
    /// Parses <paramref name="utf8"/> in place: nothing read from it outlives the call (the payload is cloned). The
    /// frame types, and a handler equal to <paramref name="lastHandler"/>, are not allocated again.
    /// </remarks>
    public static Incoming Parse(ReadOnlyMemory<byte> utf8, string? lastHandler = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The frame is not valid JSON ({ex.Message}).", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("A frame must be a JSON object with a \"type\".");
            }

            var type = Type(root) ?? throw new FormatException("A frame needs a \"type\": hello, event or ping.");
            long? id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.Number && idElement.TryGetInt64(out var n) ? n : null;
            var payload = root.TryGetProperty("payload", out var p) ? p.Clone() : default;
            return new Incoming(type, id, String(root, "token"), Handler(root, lastHandler), payload);
        }
    }

    public static string Hello(string token, string state) => $"{{\"type\":\"hello\",\"token\":{Quote(token)},\"state\":{state}}}";

    public static string Delta(string state) => $"{{\"type\":\"delta\",\"state\":{state}}}";

    public static string Pong() => "{\"type\":\"pong\"}";

    public static string Error(string message, long? id = null, string? handler = null)
    {
        var json = new StringBuilder("{\"type\":\"error\"");
        if (id is { } i)
        {
            json.Append(",\"id\":").Append(i);
        }

        if (handler is not null)
        {
            json.Append(",\"handler\":").Append(Quote(handler));
        }

        return json.Append(",\"message\":").Append(Quote(message)).Append('}').ToString();
    }

    private static string? Type(JsonElement root) =>
        !root.TryGetProperty("type"u8, out var value) || value.ValueKind != JsonValueKind.String ? null
        : value.ValueEquals("event"u8) ? "event"
        : value.ValueEquals("ping"u8) ? "ping"
        : value.ValueEquals("hello"u8) ? "hello"
        : value.GetString();

    private static string? Handler(JsonElement root, string? last) =>
        !root.TryGetProperty("handler"u8, out var value) || value.ValueKind != JsonValueKind.String ? null
        : last is not null && value.ValueEquals(last) ? last
        : value.GetString();

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Quote(string text) => JsonSerializer.Serialize(text);
}
