namespace Ledgerlink.EdgeAgent.Sage50.Access;

/// <summary>
/// A Sage 50 company could not be opened. <see cref="Exception.Message"/> is written for the SMB owner
/// (it is shown on the agent's link page as is) and never contains the password.
/// </summary>
public sealed class Sage50AccessException(Sage50AccessProblem problem, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public Sage50AccessProblem Problem { get; } = problem;
}
