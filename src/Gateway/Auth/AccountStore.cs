using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Auth;

/// <summary>The accounts of this gateway: configured ones, plus API.md's demo accounts when enabled.</summary>
public sealed class AccountStore
{
    /// <summary>The demo passwords of API.md; configured accounts may never use them.</summary>
    public static IReadOnlyList<string> DemoPasswords { get; } = ["operator-demo", "supervisor-demo", "field-demo"];

    private readonly Dictionary<string, Account> _accounts = new(StringComparer.OrdinalIgnoreCase);

    public AccountStore(IOptions<AuthOptions> options)
    {
        var auth = options.Value;
        foreach (var configured in auth.Accounts)
        {
            if (DemoPasswords.Any(demo => PasswordHasher.Verify(demo, configured.PasswordHash)))
            {
                throw new InvalidOperationException($"Account '{configured.Username}' uses a demo password; configure a real one.");
            }

            _accounts[configured.Username] = new Account(configured.Username, configured.PasswordHash, configured.Role, configured.Language ?? auth.FieldLanguage);
        }

        if (auth.DemoAccounts)
        {
            Add("operator", "operator-demo", Roles.Operator, auth.FieldLanguage);
            Add("supervisor", "supervisor-demo", Roles.Supervisor, auth.FieldLanguage);
            var fieldHash = PasswordHasher.Hash("field-demo");
            for (var i = 1; i <= 5; i++)
            {
                _accounts.TryAdd($"field{i}", new Account($"field{i}", fieldHash, Roles.Field, auth.FieldLanguage));
            }
        }
    }

    public int Count => _accounts.Count;

    /// <summary>The field teams' accounts, whose usernames are their subscriber ids.</summary>
    public IEnumerable<Account> FieldAccounts => _accounts.Values.Where(a => a.Role == Roles.Field);

    /// <summary>The account when the password matches; null otherwise (unknown user or wrong password alike).</summary>
    public Account? Authenticate(string username, string password) =>
        _accounts.TryGetValue(username, out var account) && PasswordHasher.Verify(password, account.PasswordHash) ? account : null;

    public Account? Find(string username) => _accounts.GetValueOrDefault(username);

    private void Add(string username, string password, string role, string language) =>
        _accounts.TryAdd(username, new Account(username, PasswordHasher.Hash(password), role, language));
}
