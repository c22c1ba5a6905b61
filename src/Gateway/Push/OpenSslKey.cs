using System.Runtime.InteropServices;

namespace EarlyWarning.Gateway.Push;

/// <summary>An OpenSSL <c>EVP_PKEY</c> made by <see cref="OpenSslP256"/>, freed with its handle.</summary>
internal sealed class OpenSslKey : SafeHandle
{
    public OpenSslKey()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public OpenSslKey(IntPtr key)
        : this() => SetHandle(key);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        OpenSslP256.FreeKey(handle);
        return true;
    }
}
