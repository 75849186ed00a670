using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Microsoft.Data.Sqlite;

namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// SHA-256 of each table's content, row by row in row order, each value tagged with its SQLite type. Two
/// companies generated from the same options have the same checksums; the file bytes are not compared, since they
/// may legitimately differ between SQLite versions.
/// </summary>
public static class DemoCompanyChecksums
{
    public static IReadOnlyDictionary<string, string> Compute(string dataDirectory)
    {
        var file = Path.Combine(dataDirectory, Sage50DataDirectory.AccDataFolderName, Sage50DataDirectory.DemoDatabaseFileName);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        var checksums = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in DemoDatabase.Tables.Append(DemoUserStore.TableName))
        {
            checksums[table] = Checksum(connection, table);
        }

        return checksums;
    }

    private static string Checksum(SqliteConnection connection, string table)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} ORDER BY rowid";
        using var reader = command.ExecuteReader();
        Span<byte> number = stackalloc byte[9];
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                switch (reader.GetValue(i))
                {
                    case DBNull:
                        hash.AppendData([0]);
                        break;
                    case long integer:
                        number[0] = 1;
                        BinaryPrimitives.WriteInt64LittleEndian(number[1..], integer);
                        hash.AppendData(number);
                        break;
                    case double real:
                        number[0] = 2;
                        BinaryPrimitives.WriteDoubleLittleEndian(number[1..], real);
                        hash.AppendData(number);
                        break;
                    case string text:
                        AppendBytes(hash, 3, Encoding.UTF8.GetBytes(text));
                        break;
                    case byte[] blob:
                        AppendBytes(hash, 4, blob);
                        break;
                    case var other:
                        throw new InvalidOperationException($"{table}: unexpected {other.GetType().Name} value.");
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AppendBytes(IncrementalHash hash, byte tag, byte[] bytes)
    {
        Span<byte> header = stackalloc byte[5];
        header[0] = tag;
        BinaryPrimitives.WriteInt32LittleEndian(header[1..], bytes.Length);
        hash.AppendData(header);
        hash.AppendData(bytes);
    }
}
