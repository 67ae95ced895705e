using System.Security.Cryptography;
using System.Text;
using McpOtelAgent.Configuration;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Security;

/// <summary>
/// Checks <c>Authorization: Bearer &lt;key&gt;</c> against the configured key in constant time: both sides are hashed
/// first, so neither the content nor the length of the key leaks through timing.
/// </summary>
internal sealed class ApiKeyVerifier
{
    private const string Scheme = "Bearer ";
    private readonly byte[]? _keyHash;

    public ApiKeyVerifier(IOptions<AgentOptions> options)
    {
        var key = options.Value.ApiKey;
        _keyHash = string.IsNullOrEmpty(key) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    public bool IsConfigured => _keyHash is not null;

    public bool Verify(string? authorization)
    {
        if (_keyHash is null || authorization is null
            || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization.AsSpan(Scheme.Length).Trim().ToString()));
        return CryptographicOperations.FixedTimeEquals(presented, _keyHash);
    }
}
