using System.Text;
using System.Text.Json;

namespace McpOtelAgent.Wrapping;

/// <summary>
/// Reads the envelope of newline-delimited JSON-RPC messages (the MCP stdio transport) with a forward-only
/// <see cref="Utf8JsonReader"/>: no DOM, nothing kept but the fields of <see cref="JsonRpcMessage"/>. Property order is
/// free in JSON (the TypeScript SDK writes <c>result</c> before <c>id</c>), so every field is read wherever it sits.
/// </summary>
internal static class JsonRpcMessageParser
{
    // Tool arguments and results can nest deeply; the reader's default limit of 64 would reject valid traffic.
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 1024 };

    /// <summary>
    /// Parses one line: a message, or a batch (a JSON array of messages, allowed by MCP revisions before 2025-06-18).
    /// </summary>
    /// <returns><c>false</c> when the line is not JSON-RPC; messages read before the fault are still added.</returns>
    public static bool TryParse(ReadOnlySpan<byte> line, List<JsonRpcMessage> into)
    {
        var reader = new Utf8JsonReader(line, ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                var message = ReadMessage(ref reader);
                into.Add(message);
                return message.Kind != JsonRpcMessageKind.Invalid;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            var valid = true;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    var message = ReadMessage(ref reader);
                    into.Add(message);
                    valid &= message.Kind != JsonRpcMessageKind.Invalid;
                }
                else
                {
                    reader.Skip();
                    valid = false;
                }
            }

            return valid;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonRpcMessage ReadMessage(ref Utf8JsonReader reader)
    {
        string? id = null;
        string? method = null;
        var hasId = false;
        var fields = default(NestedFields);

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                hasId = true;
                id = ReadId(ref reader);
            }
            else if (reader.ValueTextEquals("method"u8))
            {
                reader.Read();
                method = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("params"u8) || reader.ValueTextEquals("result"u8) || reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                ReadNested(ref reader, ref fields);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        var kind = (method, hasId) switch
        {
            (not null, true) => JsonRpcMessageKind.Request,
            (not null, false) => JsonRpcMessageKind.Notification,
            (null, true) => JsonRpcMessageKind.Response,
            _ => JsonRpcMessageKind.Invalid,
        };
        return new JsonRpcMessage(kind, id, method, fields.Name, fields.ErrorCode, fields.IsError, fields.ProtocolVersion, fields.RequestId);
    }

    /// <summary>
    /// Reads the direct children of <c>params</c>, <c>result</c> or <c>error</c> that label a measurement. The three
    /// never share a key that matters (<c>name</c>/<c>requestId</c> in params, <c>isError</c> in result, <c>code</c> in
    /// error, <c>protocolVersion</c> in the initialize request and its result), so one pass serves all three.
    /// </summary>
    private static void ReadNested(ref Utf8JsonReader reader, ref NestedFields fields)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                fields.Name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("isError"u8))
            {
                reader.Read();
                fields.IsError = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                fields.ErrorCode = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var code) ? code : null;
            }
            else if (reader.ValueTextEquals("protocolVersion"u8))
            {
                reader.Read();
                fields.ProtocolVersion = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("requestId"u8))
            {
                reader.Read();
                fields.RequestId = ReadId(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>A JSON-RPC id is a string or a number; <c>1</c> and <c>"1"</c> are different ids.</summary>
    private static string? ReadId(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return string.Concat("n:", Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.String:
                return string.Concat("s:", reader.GetString());
            default:
                reader.Skip();
                return null;
        }
    }

    private struct NestedFields
    {
        public string? Name;
        public bool IsError;
        public long? ErrorCode;
        public string? ProtocolVersion;
        public string? RequestId;
    }
}
