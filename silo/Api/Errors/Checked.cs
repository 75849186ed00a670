using System.Diagnostics.CodeAnalysis;

namespace Ledgerlink.Silo.Api.Errors;

/// <summary>
/// What checking one part of a request gave: the value, or the Codat error that refuses the request, never both.
/// Endpoints write <c>if (!x.TryGetValue(out var value)) { return x.Error; }</c> (or test <see cref="Refused"/> in an
/// expression): the compiler knows which of the two is set, so no endpoint needs to assert it.
/// </summary>
public sealed class Checked<T>
    where T : notnull
{
    private Checked(T? value, IResult? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public IResult? Error { get; }

    [MemberNotNullWhen(true, nameof(Error))]
    [MemberNotNullWhen(false, nameof(Value))]
    public bool Refused => Error is not null;

    /// <summary>The value, when the request was not refused; <see cref="Error"/> otherwise.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool TryGetValue([NotNullWhen(true)] out T? value)
    {
        value = Value;
        return Error is null;
    }

    public static implicit operator Checked<T>(T value) => new(value, null);

    public static Checked<T> Accept(T value) => new(value, null);

    public static Checked<T> Refuse(IResult error) => new(default, error);

    /// <summary>Lets callers that read the pair as a tuple (<c>var (value, error) = …</c>) keep doing so.</summary>
    public void Deconstruct(out T? value, out IResult? error)
    {
        value = Value;
        error = Error;
    }
}
