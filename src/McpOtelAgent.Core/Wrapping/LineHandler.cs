namespace McpOtelAgent.Wrapping;

/// <summary>Receives one complete line (without its <c>\n</c>) from a <see cref="LineTap"/>.</summary>
internal delegate void LineHandler(ReadOnlySpan<byte> line);
