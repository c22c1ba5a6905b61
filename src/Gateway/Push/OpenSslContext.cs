using System.Runtime.InteropServices;

namespace EarlyWarning.Gateway.Push;

/// <summary>An OpenSSL <c>EVP_PKEY_CTX</c> for one operation, freed with its handle.</summary>
internal sealed class OpenSslContext : SafeHandle
{
    public OpenSslContext()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public OpenSslContext(IntPtr context)
        : this() => SetHandle(context);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        OpenSslP256.FreeContext(handle);
        return true;
    }
}
