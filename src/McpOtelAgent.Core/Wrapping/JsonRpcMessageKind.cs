namespace McpOtelAgent.Wrapping;

/// <summary>The shape of one JSON-RPC 2.0 message, told apart by which of <c>method</c> and <c>id</c> it carries.</summary>
internal enum JsonRpcMessageKind
{
    /// <summary>Not a JSON-RPC message (unparsable, not an object, or neither method nor id).</summary>
    Invalid,

    /// <summary><c>method</c> and <c>id</c>: expects a reply.</summary>
    Request,

    /// <summary><c>method</c> without <c>id</c>.</summary>
    Notification,

    /// <summary><c>id</c> without <c>method</c>: a result or an error.</summary>
    Response,
}
