using System.Buffers.Binary;
using System.Text;

namespace McpOtelAgent.Tests.Wrapping;

/// <summary>
/// Decodes the parts of an OTLP <c>ExportMetricsServiceRequest</c> (protobuf, opentelemetry-proto metrics/v1) the tests
/// check: every histogram and sum data point with its metric name, attributes and count or value, and the resource
/// attributes. A hand-written reader of the wire format, so the tests need no protobuf package.
/// </summary>
internal sealed class OtlpMetricsPayload
{
    public List<(string Metric, Dictionary<string, string> Attributes, long Count)> HistogramPoints { get; } = [];

    public List<(string Metric, Dictionary<string, string> Attributes, long Value)> SumPoints { get; } = [];

    public Dictionary<string, string> ResourceAttributes { get; } = new(StringComparer.Ordinal);

    public static OtlpMetricsPayload Decode(byte[] request)
    {
        var payload = new OtlpMetricsPayload();
        foreach (var (field, resourceMetrics) in LengthDelimited(request))
        {
            if (field == 1)
            {
                payload.ReadResourceMetrics(resourceMetrics);
            }
        }

        return payload;
    }

    private void ReadResourceMetrics(ReadOnlyMemory<byte> message)
    {
        foreach (var (field, value) in LengthDelimited(message))
        {
            if (field == 1)
            {
                foreach (var (attributeField, keyValue) in LengthDelimited(value))
                {
                    if (attributeField == 1)
                    {
                        var (key, text) = ReadKeyValue(keyValue);
                        ResourceAttributes[key] = text;
                    }
                }
            }
            else if (field == 2)
            {
                foreach (var (scopeField, metric) in LengthDelimited(value))
                {
                    if (scopeField == 2)
                    {
                        ReadMetric(metric);
                    }
                }
            }
        }
    }

    private void ReadMetric(ReadOnlyMemory<byte> message)
    {
        var name = "";
        foreach (var (field, value) in LengthDelimited(message))
        {
            if (field == 1)
            {
                name = Encoding.UTF8.GetString(value.Span);
            }
            else if (field is 7 or 9)
            {
                foreach (var (dataField, point) in LengthDelimited(value))
                {
                    if (dataField == 1)
                    {
                        ReadPoint(name, point, histogram: field == 9);
                    }
                }
            }
        }
    }

    private void ReadPoint(string metric, ReadOnlyMemory<byte> message, bool histogram)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        long number = 0;
        var attributeField = histogram ? 9 : 7;
        var reader = new WireReader(message);
        while (reader.Next(out var field, out var wireType))
        {
            if (wireType == 2)
            {
                var value = reader.LengthDelimited();
                if (field == attributeField)
                {
                    var (key, text) = ReadKeyValue(value);
                    attributes[key] = text;
                }
            }
            else if (wireType == 1)
            {
                var raw = reader.Fixed64();
                if ((histogram && field == 4) || (!histogram && field == 6))
                {
                    number = (long)raw;
                }
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        if (histogram)
        {
            HistogramPoints.Add((metric, attributes, number));
        }
        else
        {
            SumPoints.Add((metric, attributes, number));
        }
    }

    private static (string Key, string Value) ReadKeyValue(ReadOnlyMemory<byte> message)
    {
        string key = "", text = "";
        foreach (var (field, value) in LengthDelimited(message))
        {
            if (field == 1)
            {
                key = Encoding.UTF8.GetString(value.Span);
            }
            else if (field == 2)
            {
                foreach (var (valueField, stringValue) in LengthDelimited(value))
                {
                    if (valueField == 1)
                    {
                        text = Encoding.UTF8.GetString(stringValue.Span);
                    }
                }
            }
        }

        return (key, text);
    }

    /// <summary>The length-delimited fields of a message (numbers and fixed values skipped).</summary>
    private static List<(int Field, ReadOnlyMemory<byte> Value)> LengthDelimited(ReadOnlyMemory<byte> message)
    {
        var fields = new List<(int, ReadOnlyMemory<byte>)>();
        var reader = new WireReader(message);
        while (reader.Next(out var field, out var wireType))
        {
            if (wireType == 2)
            {
                fields.Add((field, reader.LengthDelimited()));
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return fields;
    }

    private struct WireReader(ReadOnlyMemory<byte> message)
    {
        private int _position;

        public bool Next(out int field, out int wireType)
        {
            if (_position >= message.Length)
            {
                field = wireType = 0;
                return false;
            }

            var tag = Varint();
            field = (int)(tag >> 3);
            wireType = (int)(tag & 7);
            return true;
        }

        public ReadOnlyMemory<byte> LengthDelimited()
        {
            var length = (int)Varint();
            var value = message.Slice(_position, length);
            _position += length;
            return value;
        }

        public ulong Fixed64()
        {
            var value = BinaryPrimitives.ReadUInt64LittleEndian(message.Span[_position..]);
            _position += 8;
            return value;
        }

        public void Skip(int wireType)
        {
            switch (wireType)
            {
                case 0:
                    Varint();
                    break;
                case 1:
                    _position += 8;
                    break;
                case 2:
                    LengthDelimited();
                    break;
                case 5:
                    _position += 4;
                    break;
                default:
                    throw new InvalidDataException("Unsupported protobuf wire type " + wireType);
            }
        }

        private ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = message.Span[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }
        }
    }
}
