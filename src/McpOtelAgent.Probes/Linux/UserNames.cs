using System.Runtime.InteropServices;

namespace McpOtelAgent.Probes.Linux;

/// <summary>uid → user name through <c>getpwuid_r</c>, so NSS sources beyond /etc/passwd answer as they do for psutil.</summary>
internal static unsafe class UserNames
{
    public static string? Lookup(uint uid)
    {
        // struct passwd is seven pointer-sized fields at most; pw_name comes first (pwd.h).
        var passwd = stackalloc nint[8];
        var buffer = stackalloc byte[16384];
        nint result = 0;
        var status = LibC.getpwuid_r(uid, (byte*)passwd, buffer, 16384, &result);
        return status == 0 && result != 0 ? Marshal.PtrToStringUTF8(passwd[0]) : null;
    }
}
