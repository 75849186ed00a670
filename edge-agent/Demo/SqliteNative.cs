using System.Runtime.InteropServices;
using SQLitePCL;

namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// The handful of SQLite C functions the generator calls once per value, imported directly from the e_sqlite3
/// library that Microsoft.Data.Sqlite loads. Going through SQLitePCL's provider interface costs several times the
/// call itself; measured on the 200k-split company, calling straight in makes generation about 40% faster.
/// Binding and resetting neither block nor call back into .NET, so they skip the GC transition too.
/// </summary>
internal static class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLite copies the value before the call returns (SQLITE_TRANSIENT).</summary>
    public const nint Transient = -1;

    /// <summary>
    /// The statements handed to these functions come from SQLitePCL, so both must be talking to the same library.
    /// </summary>
    public static void EnsureSameLibrary()
    {
        var name = raw.GetNativeLibraryName();
        if (name != Library)
        {
            throw new InvalidOperationException($"The demo generator needs SQLite's {Library} library, but SQLitePCL is using {name}.");
        }
    }

    [DllImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [SuppressGCTransition]
    public static extern int BindInt64(nint statement, int index, long value);

    [DllImport(Library, EntryPoint = "sqlite3_bind_double")]
    [SuppressGCTransition]
    public static extern int BindDouble(nint statement, int index, double value);

    [DllImport(Library, EntryPoint = "sqlite3_bind_null")]
    [SuppressGCTransition]
    public static extern int BindNull(nint statement, int index);

    /// <summary>The string is pinned, not copied, on the way in (UTF-16 is SQLite's text16).</summary>
    [DllImport(Library, EntryPoint = "sqlite3_bind_text16", CharSet = CharSet.Unicode)]
    public static extern int BindText16(nint statement, int index, string value, int bytes, nint destructor);

    [DllImport(Library, EntryPoint = "sqlite3_step")]
    public static extern int Step(nint statement);

    [DllImport(Library, EntryPoint = "sqlite3_reset")]
    [SuppressGCTransition]
    public static extern int Reset(nint statement);
}
