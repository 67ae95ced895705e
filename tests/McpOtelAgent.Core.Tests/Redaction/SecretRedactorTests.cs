using McpOtelAgent.Redaction;

namespace McpOtelAgent.Core.Tests.Redaction;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("node server.js --api-key=s3cret --port 3000", "node server.js --api-key=*** --port 3000")]
    [InlineData("node server.js --token s3cret --verbose", "node server.js --token *** --verbose")]
    [InlineData("mcp --password hunter2", "mcp --password ***")]
    [InlineData("env GITHUB_TOKEN=ghp_abc OPENAI_API_KEY=sk-1 CLIENT_SECRET=x node s.js", "env GITHUB_TOKEN=*** OPENAI_API_KEY=*** CLIENT_SECRET=*** node s.js")]
    [InlineData("curl -H Authorization:\u0020Bearer abcdef123 http://x", "curl -H Authorization: Bearer *** http://x")]
    [InlineData("proxy --url https://user:pa55@host/x", "proxy --url https://user:***@host/x")]
    [InlineData("proxy http://h/x?api_key=abc&page=2", "proxy http://h/x?api_key=***&page=2")]
    [InlineData("uvx mcp-server-fetch --port 8080", "uvx mcp-server-fetch --port 8080")]
    [InlineData("npx -y @modelcontextprotocol/server-everything", "npx -y @modelcontextprotocol/server-everything")]
    public void RedactCommandLine_SecretsAnywhere_BecomeMasks(string command, string expected)
    {
        Assert.Equal(expected, SecretRedactor.RedactCommandLine(command.Split(' ')));
    }

    [Theory]
    [InlineData("mcp-server-x --api-key=s3cret --port 3000", "mcp-server-x --api-key=*** --port 3000")]
    [InlineData("mcp-server-x --token t0ken --verbose", "mcp-server-x --token *** --verbose")]
    [InlineData("cd /srv && FOO_TOKEN=t0ken exec mcp-server-x", "cd /srv && FOO_TOKEN=*** exec mcp-server-x")]
    [InlineData("curl -H 'Authorization: Bearer t0ken1234' http://x", "curl -H 'Authorization: Bearer *** http://x")]
    [InlineData("mcp-server-x\n\t--token  t0ken", "mcp-server-x\n\t--token  ***")]
    public void RedactCommandLine_SecretsInsideAShellScript_BecomeMasks(string script, string expected)
    {
        Assert.Equal("sh -c " + expected, SecretRedactor.RedactCommandLine(["sh", "-c", script]));
    }

    [Fact]
    public void RedactArguments_BearerHeaderAsOneArgument_ValueHidden()
    {
        Assert.Equal(["curl", "-H", "Authorization: Bearer ***"], SecretRedactor.RedactArguments(["curl", "-H", "Authorization: Bearer t0ken1234"]));
    }

    [Theory]
    [InlineData("GITHUB_TOKEN", true)]
    [InlineData("OPENAI_API_KEY", true)]
    [InlineData("AWS_SECRET", true)]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("PASSWORD", true)]
    [InlineData("apiKey", true)]
    [InlineData("MEMORY_FILE_PATH", false)]
    [InlineData("PORT", false)]
    [InlineData("KEYBOARD_LAYOUT", false)]
    public void IsSecretName_CommonSpellings_AreRecognised(string name, bool secret)
    {
        Assert.Equal(secret, SecretRedactor.IsSecretName(name));
    }

    [Fact]
    public void RedactEnvironment_SecretNamesAndBearerValues_AreMasked()
    {
        var redacted = SecretRedactor.RedactEnvironment(new Dictionary<string, string>
        {
            ["API_TOKEN"] = "t0k",
            ["PATH"] = "/usr/bin",
            ["HEADER"] = "Bearer abcdefgh",
        });

        Assert.Equal("***", redacted["API_TOKEN"]);
        Assert.Equal("/usr/bin", redacted["PATH"]);
        Assert.Equal("Bearer ***", redacted["HEADER"]);
        Assert.Equal("***", SecretRedactor.RedactValue("Authorization", "Bearer abcdefgh"));
    }
}
