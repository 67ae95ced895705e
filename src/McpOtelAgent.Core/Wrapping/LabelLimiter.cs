namespace McpOtelAgent.Wrapping;

/// <summary>
/// Keeps a label's cardinality bounded: the first <c>maxValues</c> distinct values pass, later new ones become
/// <c>_OTHER</c> (the semantic conventions' fallback value). Method, tool and prompt names come from the peers, and a
/// misbehaving client must not be able to blow up the metric series. Not thread-safe: the observer holds its lock.
/// </summary>
internal sealed class LabelLimiter(int maxValues)
{
    public const string Other = "_OTHER";

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public string Limit(string value)
    {
        if (_seen.Contains(value))
        {
            return value;
        }

        if (_seen.Count >= maxValues)
        {
            return Other;
        }

        _seen.Add(value);
        return value;
    }
}
