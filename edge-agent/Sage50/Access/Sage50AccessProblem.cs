namespace Ledgerlink.EdgeAgent.Sage50.Access;

/// <summary>Why a Sage 50 company could not be opened; the agent's link page chooses its advice from it.</summary>
public enum Sage50AccessProblem
{
    DataDirectoryNotFound,
    NotSageData,
    WrongCredentials,
    Unreadable,
}
