using System.Reflection;
using System.Reflection.Emit;
using System.Security.Cryptography;
using McpOtelAgent.Configuration;
using McpOtelAgent.Security;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Tests.Security;

public sealed class ApiKeyVerifierTests
{
    private readonly ApiKeyVerifier _verifier = new(Options.Create(new AgentOptions { ApiKey = "s3cret-key" }));

    [Theory]
    [InlineData("Bearer s3cret-key", true)]
    [InlineData("bearer s3cret-key", true)]
    [InlineData("Bearer  s3cret-key ", true)]
    [InlineData("Bearer s3cret-kez", false)]
    [InlineData("Bearer s3cret-key2", false)]
    [InlineData("Bearer s3cret", false)]
    [InlineData("Bearer ", false)]
    [InlineData("Basic s3cret-key", false)]
    [InlineData("s3cret-key", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Verify_PresentedHeader_AcceptsOnlyTheBearerKey(string? authorization, bool expected)
    {
        Assert.Equal(expected, _verifier.Verify(authorization));
    }

    [Fact]
    public void Verify_NoKeyConfigured_RefusesEverything()
    {
        var verifier = new ApiKeyVerifier(Options.Create(new AgentOptions()));

        Assert.False(verifier.IsConfigured);
        Assert.False(verifier.Verify("Bearer "));
        Assert.False(verifier.Verify("Bearer anything"));
    }

    /// <summary>
    /// Timing cannot be asserted on a shared machine, so the test pins the mechanism: <c>Verify</c> compares through
    /// <see cref="CryptographicOperations.FixedTimeEquals"/> and never through an early-exit comparison of the key.
    /// </summary>
    [Fact]
    public void Verify_Implementation_ComparesWithFixedTimeEqualsOnly()
    {
        var calls = CalledMethods(typeof(ApiKeyVerifier).GetMethod(nameof(ApiKeyVerifier.Verify))!);

        Assert.Contains(calls, m => m.DeclaringType == typeof(CryptographicOperations) && m.Name == nameof(CryptographicOperations.FixedTimeEquals));
        Assert.DoesNotContain(calls, m => m.Name is "SequenceEqual" or "Equals" or "op_Equality" or "CompareTo" or "Compare"
            && m.DeclaringType != typeof(CryptographicOperations));
    }

    /// <summary>The methods a method's IL calls (<c>call</c>, <c>callvirt</c>), read from its body.</summary>
    private static List<MethodBase> CalledMethods(MethodInfo method)
    {
        var il = method.GetMethodBody()!.GetILAsByteArray()!;
        var calls = new List<MethodBase>();
        for (var i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] != OpCodes.Call.Value && il[i] != OpCodes.Callvirt.Value)
            {
                continue;
            }

            var token = BitConverter.ToInt32(il, i + 1);
            try
            {
                if (method.Module.ResolveMethod(token, method.DeclaringType!.GetGenericArguments(), null) is { } called)
                {
                    calls.Add(called);
                    i += 4;
                }
            }
            catch (ArgumentException)
            {
                // Not a method token: the byte was an operand of another instruction.
            }
        }

        return calls;
    }
}
