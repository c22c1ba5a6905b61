namespace EarlyWarning.Gateway.Tests.Infrastructure;

/// <summary>Staff and field accounts as configuration keys (<c>Auth:Accounts</c>), for a <see cref="MutableConfiguration"/> to load and reload.</summary>
public static class ConfiguredAccounts
{
    public static Dictionary<string, string?> Settings(params (string Username, string Hash, string Role)[] accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var values = new Dictionary<string, string?>();
        for (var i = 0; i < accounts.Length; i++)
        {
            values[$"Auth:Accounts:{i}:Username"] = accounts[i].Username;
            values[$"Auth:Accounts:{i}:PasswordHash"] = accounts[i].Hash;
            values[$"Auth:Accounts:{i}:Role"] = accounts[i].Role;
        }

        return values;
    }
}
